// Distributed mode: the auditing service as its own process (see README "Configuration").
import 'reflect-metadata';
import { runDistributedMain } from '@lw/runtime';
import { auditingService } from './auditing.service';

runDistributedMain(auditingService);
