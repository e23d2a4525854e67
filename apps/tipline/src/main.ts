// Distributed mode: the tipline service as its own process (see README "Configuration").
import 'reflect-metadata';
import { runDistributedMain } from '@lw/runtime';
import { tiplineService } from './tipline.service';

runDistributedMain(tiplineService);
