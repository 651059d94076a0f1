import { ionTargets } from './ions';

ionTargets(2);
