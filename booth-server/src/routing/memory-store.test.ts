import { MemoryRoutingStore } from './memory-store.ts';
import { describeRoutingStore } from './store-conformance.ts';

describeRoutingStore('MemoryRoutingStore', () => new MemoryRoutingStore());
