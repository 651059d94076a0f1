import { ionTargets } from './ions';

ionTargets(3);
