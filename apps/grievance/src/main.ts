// Distributed mode: the grievance service as its own process (see README "Configuration").
import 'reflect-metadata';
import { runDistributedMain } from '@lw/runtime';
import { grievanceService } from './grievance.service';

runDistributedMain(grievanceService);
