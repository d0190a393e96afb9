// Hard: a specialist goes only where the programme allows: a puskesmas they adopt, or, when
// backup cover is allowed, one within the maximum travel distance. An unknown distance (no
// positions, no entered distance) is within reach only for the puskesmas's own adopters.
import { km } from '../text';
import type { HardRule } from './types';

export const reach: HardRule = {
  id: 'reach',
  kind: 'hard',
  label: 'Wilayah jangkauan',
  labelEn: 'Allowed puskesmas',
  checkVisit(index, visit) {
    if (index.canReach(visit.specialistId, visit.puskesmasId)) return null;
    const s = index.specialistName(visit.specialistId);
    const c = index.puskesmasName(visit.puskesmasId);
    if (!index.settings.allowBackupCover) {
      return {
        message: `${c} bukan puskesmas asuhan ${s}, dan pengganti dari luar adopsi tidak diizinkan.`,
        messageEn: `${c} is not adopted by ${s}, and cover outside adoptions is not allowed.`,
      };
    }
    const missing = index.missingForDistance(visit.specialistId, visit.puskesmasId);
    if (missing) {
      return {
        message: `${c} bukan puskesmas asuhan ${s} dan ${missing.message}; pengganti perlu jarak yang diketahui.`,
        messageEn: `${c} is not adopted by ${s} and ${missing.messageEn}; cover needs a known distance.`,
      };
    }
    const travel = index.travel(visit.specialistId, visit.puskesmasId).km as number;
    return {
      message: `${c} berjarak sekitar ${km(travel)} km dari rumah sakit ${s}, melebihi batas ${index.settings.maxTravelKm} km.`,
      messageEn: `${c} is about ${km(travel)} km from ${s}'s hospital, beyond the ${index.settings.maxTravelKm} km limit.`,
    };
  },
};
