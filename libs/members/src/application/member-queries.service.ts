import { NotFoundError, isUuid } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { collapseWhitespace, identityNumberCandidates } from '../domain/identity-document';
import { type MemberMatch, readMember, searchMembers } from '../infrastructure/member-store';
import type { MemberView } from './member-view';

export interface MemberSearch {
  /** Part of a name (any case), a member number, or an identity number as written. */
  readonly q?: string;
  /** The `next` of the previous page: a member number. */
  readonly after?: string;
  readonly limit: number;
}

export interface MemberPage {
  readonly items: MemberView[];
  readonly next: string | null;
}

@Injectable()
export class MemberQueries {
  async get(tx: Tx, cooperativeId: string, memberId: string): Promise<MemberView> {
    const member = isUuid(memberId) ? await readMember(tx, cooperativeId, memberId) : undefined;
    if (!member) throw new NotFoundError('member', memberId);
    return member;
  }

  /** In member-number order; a page is full until the last one. */
  async search(tx: Tx, cooperativeId: string, search: MemberSearch): Promise<MemberPage> {
    const text = collapseWhitespace(search.q ?? '');
    const items = await searchMembers(
      tx,
      cooperativeId,
      text ? matchFor(text) : null,
      search.after ?? null,
      search.limit,
    );
    const full = items.length === search.limit;
    return { items, next: full ? items[items.length - 1].memberNumber : null };
  }
}

function matchFor(text: string): MemberMatch {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return {
    namePattern: `%${escaped}%`,
    memberNumber: /^\d{1,18}$/.test(text) ? text.replace(/^0+(?=\d)/, '').padStart(6, '0') : null,
    identityNumbers: identityNumberCandidates(text),
  };
}
