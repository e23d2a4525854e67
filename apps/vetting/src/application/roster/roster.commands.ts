import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { DomainValidationError, type Actor, type LocalDate } from '@lw/domain';
import { decideAndAppend } from '@lw/eventstore';
import {
  addRecord,
  assignRole,
  CITIZEN_ID_NOT_IMPORTABLE,
  closeInvestigation,
  createPerson,
  emptyPerson,
  endHolding,
  endRecord,
  linkRelative,
  openInvestigation,
  personDecider,
  personStream,
  planHolding,
  recordAppraisal,
  recordDetails,
  termEvents,
  type AppraisalGrade,
  type Body,
  type PersonDetails,
  type SheetRows,
  type TermChange,
} from '../../domain/roster';
import { personReach } from './person-reach';
import { RosterDeps } from './roster-deps';
import { importRoster, type ImportMode, type ImportResult } from './roster-import';
import { inTransaction, onPerson, onVillage, writable } from './roster-writes';

/*
 * The roster's commands. `actor` null is the system (loaders, the election's hand-over): no area check.
 * Person facts are checked against the person's whole reach (roster-writes.ts), village holdings
 * against the village.
 */

/** Imports a clerk's 花名册 into the villages of the actor's area (roster-import.ts). */
export class ImportRoster extends Command<ImportResult> {
  constructor(readonly sheet: SheetRows, readonly mode: ImportMode, readonly dryRun: boolean, readonly date: LocalDate, readonly actor: Actor) {
    super();
  }
}

/** A person's details by citizen id (found, or a new person id claimed under the id's lock); returns the person id. Loaders and tests; clerks import. */
export class RecordPerson extends Command<string> {
  constructor(readonly details: PersonDetails, readonly actor: Actor | null, readonly tx?: PoolClient) {
    super();
  }
}

export class AddRecord extends Command<void> {
  constructor(readonly personId: string, readonly record: { recordId: string; text: string; date: LocalDate; endsOn: LocalDate | null; source: string | null }, readonly actor: Actor | null) {
    super();
  }
}

export class EndRecord extends Command<void> {
  constructor(readonly personId: string, readonly recordId: string, readonly endsOn: LocalDate, readonly reason: string | null, readonly actor: Actor | null) {
    super();
  }
}

export class RecordAppraisal extends Command<void> {
  constructor(readonly personId: string, readonly year: number, readonly grade: AppraisalGrade, readonly actor: Actor | null) {
    super();
  }
}

export class LinkRelative extends Command<void> {
  constructor(readonly personId: string, readonly relativeId: string, readonly kind: string, readonly actor: Actor | null) {
    super();
  }
}

export class AssignRole extends Command<void> {
  constructor(readonly personId: string, readonly role: { role: string; villageCode: string; since: LocalDate; until: LocalDate | null }, readonly actor: Actor | null) {
    super();
  }
}

export class OpenInvestigation extends Command<void> {
  constructor(readonly personId: string, readonly investigation: { investigationId: string; since: LocalDate; source: string | null }, readonly actor: Actor | null) {
    super();
  }
}

export class CloseInvestigation extends Command<void> {
  constructor(readonly personId: string, readonly investigationId: string, readonly closedOn: LocalDate, readonly conclusion: string | null, readonly actor: Actor | null) {
    super();
  }
}

/** One post from a day (loaders, corrections); a one-seat post held by another is refused. */
export class StartHolding extends Command<void> {
  constructor(readonly holding: { personId: string; villageCode: string; body: Body; post: string; from: LocalDate }, readonly actor: Actor | null) {
    super();
  }
}

/** 离任: the post is no longer held from `on`. */
export class EndHolding extends Command<void> {
  constructor(readonly holding: { villageCode: string; personId: string; body: Body; post: string; on: LocalDate }, readonly actor: Actor | null) {
    super();
  }
}

/** Hand-over: the renewed bodies move to the new term, in the caller's transaction when given. */
export class StartTerm extends Command<void> {
  constructor(readonly change: TermChange, readonly actor: Actor | null, readonly tx?: PoolClient) {
    super();
  }
}

@Injectable()
@CommandHandler(ImportRoster)
export class ImportRosterHandler implements ICommandHandler<ImportRoster> {
  constructor(private readonly deps: RosterDeps) {}

  execute(c: ImportRoster): Promise<ImportResult> {
    // The subtree of the actor's node (or their own village): code → the names a clerk may write, the usual one first.
    const h = this.deps.hierarchy;
    const villages = new Map(h.descendants(c.actor.node, { level: 'village' }).map((v) => [v.code, [v.shortName, v.name]] as const));
    const node = h.get(c.actor.node);
    if (node?.level === 'village') villages.set(node.code, [node.shortName, node.name]);
    return importRoster(this.deps, { sheet: c.sheet, mode: c.mode, dryRun: c.dryRun, date: c.date, villages, actor: c.actor });
  }
}

@Injectable()
@CommandHandler(RecordPerson)
export class RecordPersonHandler implements ICommandHandler<RecordPerson> {
  constructor(private readonly deps: RosterDeps) {}

  async execute({ details, actor, tx }: RecordPerson): Promise<string> {
    if (actor) this.deps.jurisdiction.require(actor, details.villageCode, '该村（社区）');
    // The person's own rules (id number, education, party join date at 18 …), in Chinese.
    const { partyJoinDate, phone, ...rest } = details;
    createPerson({ ...rest, id: 'new', ...(partyJoinDate ? { partyJoinDate } : {}), ...(phone ? { phone } : {}), disciplinaryRecords: [], appraisals: [], relatives: [] }, { today: this.deps.today() });
    return inTransaction(
      this.deps,
      async (t) => {
        await this.deps.citizenIds.lock(t, { citizenIds: [details.citizenId] });
        const known = (await this.deps.citizenIds.claimed(t, [details.citizenId])).get(details.citizenId);
        const personId = known ?? this.deps.newId();
        if (!known) await this.deps.citizenIds.claim(t, [{ citizenId: details.citizenId, personId }]);
        await decideAndAppend(
          this.deps.store,
          personDecider(personId),
          personStream(personId),
          async ({ state }) => {
            const s = state ?? emptyPerson(personId);
            if (known && actor && !writable(this.deps, actor, s, (await personReach(this.deps.reachOf, [personId], t, new Map([[personId, s]]))).get(personId))) {
              throw new DomainValidationError('roster.citizen_id_not_importable', CITIZEN_ID_NOT_IMPORTABLE, `citizen id claimed by a person outside ${actor.node}`);
            }
            return recordDetails(s, details);
          },
          { tx: t, actor },
        );
        return personId;
      },
      tx,
    );
  }
}

@Injectable()
@CommandHandler(AddRecord)
export class AddRecordHandler implements ICommandHandler<AddRecord> {
  constructor(private readonly deps: RosterDeps) {}

  execute({ personId, record, actor }: AddRecord): Promise<void> {
    const today = this.deps.today();
    return onPerson(this.deps, personId, actor, (s) => addRecord(s, record, today));
  }
}

@Injectable()
@CommandHandler(EndRecord)
export class EndRecordHandler implements ICommandHandler<EndRecord> {
  constructor(private readonly deps: RosterDeps) {}

  execute(c: EndRecord): Promise<void> {
    return onPerson(this.deps, c.personId, c.actor, (s) => endRecord(s, c.recordId, c.endsOn, c.reason));
  }
}

@Injectable()
@CommandHandler(RecordAppraisal)
export class RecordAppraisalHandler implements ICommandHandler<RecordAppraisal> {
  constructor(private readonly deps: RosterDeps) {}

  execute(c: RecordAppraisal): Promise<void> {
    const today = this.deps.today();
    return onPerson(this.deps, c.personId, c.actor, (s) => recordAppraisal(s, c.year, c.grade, today));
  }
}

@Injectable()
@CommandHandler(LinkRelative)
export class LinkRelativeHandler implements ICommandHandler<LinkRelative> {
  constructor(private readonly deps: RosterDeps) {}

  execute(c: LinkRelative): Promise<void> {
    return onPerson(this.deps, c.personId, c.actor, (s, others) => linkRelative(s, others.get(c.relativeId)!, c.kind), [c.relativeId]);
  }
}

@Injectable()
@CommandHandler(AssignRole)
export class AssignRoleHandler implements ICommandHandler<AssignRole> {
  constructor(private readonly deps: RosterDeps) {}

  execute({ personId, role, actor }: AssignRole): Promise<void> {
    if (actor) this.deps.jurisdiction.require(actor, role.villageCode, '该村（社区）');
    const today = this.deps.today();
    return onPerson(this.deps, personId, actor, (s) => assignRole(s, role, today));
  }
}

@Injectable()
@CommandHandler(OpenInvestigation)
export class OpenInvestigationHandler implements ICommandHandler<OpenInvestigation> {
  constructor(private readonly deps: RosterDeps) {}

  execute({ personId, investigation, actor }: OpenInvestigation): Promise<void> {
    const today = this.deps.today();
    return onPerson(this.deps, personId, actor, (s) => openInvestigation(s, investigation, today));
  }
}

@Injectable()
@CommandHandler(CloseInvestigation)
export class CloseInvestigationHandler implements ICommandHandler<CloseInvestigation> {
  constructor(private readonly deps: RosterDeps) {}

  execute(c: CloseInvestigation): Promise<void> {
    const today = this.deps.today();
    return onPerson(this.deps, c.personId, c.actor, (s) => closeInvestigation(s, c.investigationId, c.closedOn, c.conclusion, today));
  }
}

@Injectable()
@CommandHandler(StartHolding)
export class StartHoldingHandler implements ICommandHandler<StartHolding> {
  constructor(private readonly deps: RosterDeps) {}

  execute({ holding: h, actor }: StartHolding): Promise<void> {
    return onVillage(this.deps, h.villageCode, actor, (holdings) => {
      const planned = planHolding(holdings, h);
      if (!Array.isArray(planned)) throw new DomainValidationError('roster.seat_taken', planned.reason, `seat ${h.body}/${h.post} of ${h.villageCode} taken`);
      return planned;
    });
  }
}

@Injectable()
@CommandHandler(EndHolding)
export class EndHoldingHandler implements ICommandHandler<EndHolding> {
  constructor(private readonly deps: RosterDeps) {}

  execute({ holding, actor }: EndHolding): Promise<void> {
    return onVillage(this.deps, holding.villageCode, actor, (holdings) => endHolding(holdings, holding));
  }
}

@Injectable()
@CommandHandler(StartTerm)
export class StartTermHandler implements ICommandHandler<StartTerm> {
  constructor(private readonly deps: RosterDeps) {}

  execute({ change, actor, tx }: StartTerm): Promise<void> {
    return onVillage(this.deps, change.villageCode, actor, (holdings) => termEvents(holdings, change), tx);
  }
}

/** Every roster command handler, for the runtime's `handlers`. */
export const ROSTER_COMMAND_HANDLERS = [
  ImportRosterHandler,
  RecordPersonHandler,
  AddRecordHandler,
  EndRecordHandler,
  RecordAppraisalHandler,
  LinkRelativeHandler,
  AssignRoleHandler,
  OpenInvestigationHandler,
  CloseInvestigationHandler,
  StartHoldingHandler,
  EndHoldingHandler,
  StartTermHandler,
];
