import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@lw/domain';
import { LiaisonDirectory, type LiaisonAssignment } from './liaison-directory.port';

/** The liaison assignments of the actor's area. */
export class LiaisonList extends Query<LiaisonAssignment[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}

@Injectable()
@QueryHandler(LiaisonList)
export class LiaisonListHandler implements IQueryHandler<LiaisonList> {
  constructor(private readonly liaisons: LiaisonDirectory) {}

  async execute(q: LiaisonList): Promise<LiaisonAssignment[]> {
    return this.liaisons.list(q.actor.node);
  }
}

export const LIAISON_QUERY_HANDLERS = [LiaisonListHandler];
