// Indonesia's three time zones and the province each district belongs to: the zone of a
// district follows from its province (every province lies in one zone).

export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type DistrictTimeZone = (typeof TIME_ZONES)[number];
export type ZoneAbbreviation = 'WIB' | 'WITA' | 'WIT';

const ABBREVIATION: Record<DistrictTimeZone, ZoneAbbreviation> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** "WIB", "WITA" or "WIT"; an unknown zone gets its IANA name, never a guess. */
export function zoneAbbreviation(timeZone: string): string {
  return (ABBREVIATION as Record<string, string>)[timeZone] ?? timeZone;
}

export function isDistrictTimeZone(value: string): value is DistrictTimeZone {
  return (TIME_ZONES as readonly string[]).includes(value);
}

/** The 38 provinces (2022 onwards) and their zone: WIB for Sumatra and Java, Asia/Pontianak for
 * West and Central Kalimantan, WITA for Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi,
 * WIT for Maluku and Papua. */
export const PROVINCES: readonly { name: string; timeZone: DistrictTimeZone }[] = [
  { name: 'Aceh', timeZone: 'Asia/Jakarta' },
  { name: 'Sumatera Utara', timeZone: 'Asia/Jakarta' },
  { name: 'Sumatera Barat', timeZone: 'Asia/Jakarta' },
  { name: 'Riau', timeZone: 'Asia/Jakarta' },
  { name: 'Kepulauan Riau', timeZone: 'Asia/Jakarta' },
  { name: 'Jambi', timeZone: 'Asia/Jakarta' },
  { name: 'Sumatera Selatan', timeZone: 'Asia/Jakarta' },
  { name: 'Kepulauan Bangka Belitung', timeZone: 'Asia/Jakarta' },
  { name: 'Bengkulu', timeZone: 'Asia/Jakarta' },
  { name: 'Lampung', timeZone: 'Asia/Jakarta' },
  { name: 'DKI Jakarta', timeZone: 'Asia/Jakarta' },
  { name: 'Jawa Barat', timeZone: 'Asia/Jakarta' },
  { name: 'Banten', timeZone: 'Asia/Jakarta' },
  { name: 'Jawa Tengah', timeZone: 'Asia/Jakarta' },
  { name: 'DI Yogyakarta', timeZone: 'Asia/Jakarta' },
  { name: 'Jawa Timur', timeZone: 'Asia/Jakarta' },
  { name: 'Kalimantan Barat', timeZone: 'Asia/Pontianak' },
  { name: 'Kalimantan Tengah', timeZone: 'Asia/Pontianak' },
  { name: 'Bali', timeZone: 'Asia/Makassar' },
  { name: 'Nusa Tenggara Barat', timeZone: 'Asia/Makassar' },
  { name: 'Nusa Tenggara Timur', timeZone: 'Asia/Makassar' },
  { name: 'Kalimantan Selatan', timeZone: 'Asia/Makassar' },
  { name: 'Kalimantan Timur', timeZone: 'Asia/Makassar' },
  { name: 'Kalimantan Utara', timeZone: 'Asia/Makassar' },
  { name: 'Sulawesi Utara', timeZone: 'Asia/Makassar' },
  { name: 'Gorontalo', timeZone: 'Asia/Makassar' },
  { name: 'Sulawesi Tengah', timeZone: 'Asia/Makassar' },
  { name: 'Sulawesi Barat', timeZone: 'Asia/Makassar' },
  { name: 'Sulawesi Selatan', timeZone: 'Asia/Makassar' },
  { name: 'Sulawesi Tenggara', timeZone: 'Asia/Makassar' },
  { name: 'Maluku', timeZone: 'Asia/Jayapura' },
  { name: 'Maluku Utara', timeZone: 'Asia/Jayapura' },
  { name: 'Papua', timeZone: 'Asia/Jayapura' },
  { name: 'Papua Barat', timeZone: 'Asia/Jayapura' },
  { name: 'Papua Barat Daya', timeZone: 'Asia/Jayapura' },
  { name: 'Papua Tengah', timeZone: 'Asia/Jayapura' },
  { name: 'Papua Pegunungan', timeZone: 'Asia/Jayapura' },
  { name: 'Papua Selatan', timeZone: 'Asia/Jayapura' },
];

export function provinceTimeZone(province: string): DistrictTimeZone | undefined {
  return PROVINCES.find((p) => p.name === province)?.timeZone;
}
