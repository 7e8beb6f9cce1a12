// A fixture for test/architecture/layers.test.ts: a leaf that imports a layer.
import { catalog } from '../content/catalog';

export const plain = catalog;
