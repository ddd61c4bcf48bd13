import type { MemberDataExport } from '../../contracts/member';
import type { MemberContext } from '../../core/context';
import { quizDataSection } from '../quiz/export';
import { classesDataSection } from '../classes/export';
import { eventIntentsDataSection, eventsDataSection } from '../events/data-section';
import { magazineDataSection } from '../magazine/export';
import { mediaDataSection } from '../media/data-section';

/**
 * "我的数据" shows everything stored about a member. Each feature that stores personal rows
 * registers a section here, so nothing is left out of the export (or the deletion).
 */
export type MemberDataSection = (ctx: MemberContext) => Promise<MemberDataExport['sections'][number] | null>;

export const memberDataSectionProviders: MemberDataSection[] = [quizDataSection, classesDataSection, eventsDataSection, eventIntentsDataSection, magazineDataSection, mediaDataSection];

export async function memberDataSections(ctx: MemberContext): Promise<MemberDataExport['sections']> {
  const sections = await Promise.all(memberDataSectionProviders.map((p) => p(ctx)));
  return sections.filter((s): s is NonNullable<typeof s> => s !== null);
}
