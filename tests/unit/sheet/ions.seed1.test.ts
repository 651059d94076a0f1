import { ionTargets } from './ions';

ionTargets(1);
