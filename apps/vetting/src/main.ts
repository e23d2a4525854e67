// Distributed mode: the vetting service as its own process (see README "Configuration").
import 'reflect-metadata';
import { runDistributedMain } from '@lw/runtime';
import { vettingService } from './vetting.service';

runDistributedMain(vettingService);
