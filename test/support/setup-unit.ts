// Unit tests run in happy-dom with a real IndexedDB implementation (fake-indexeddb).
import 'fake-indexeddb/auto';
