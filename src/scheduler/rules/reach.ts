// Hard: a specialist goes only where the programme allows: a puskesmas they adopt, or, when
// backup cover is allowed, any within the maximum travel distance (unknown distance counts as within).
import { km } from '../text';
import type { HardRule } from './types';

export const reach: HardRule = {
  id: 'reach',
  kind: 'hard',
  label: 'Wilayah jangkauan',
  labelEn: 'Allowed puskesmas',
  checkVisit(index, visit) {
    if (index.role(visit.specialistId, visit.puskesmasId)) return null;
    const s = index.specialistName(visit.specialistId);
    const c = index.puskesmasName(visit.puskesmasId);
    if (!index.settings.allowBackupCover) {
      return {
        message: `${c} bukan puskesmas asuhan ${s}, dan pengganti dari luar adopsi tidak diizinkan.`,
        messageEn: `${c} is not adopted by ${s}, and cover outside adoptions is not allowed.`,
      };
    }
    const travel = index.travel(visit.specialistId, visit.puskesmasId);
    if (travel.km === null || travel.km <= index.settings.maxTravelKm) return null;
    return {
      message: `${c} berjarak sekitar ${km(travel.km)} km dari rumah sakit ${s}, melebihi batas ${index.settings.maxTravelKm} km.`,
      messageEn: `${c} is about ${km(travel.km)} km from ${s}'s hospital, beyond the ${index.settings.maxTravelKm} km limit.`,
    };
  },
};
