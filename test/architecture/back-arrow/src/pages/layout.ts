// A fixture for test/architecture/layers.test.ts: pages/ may use content/; together with content/catalog.ts it makes a circle.
import { catalog } from '../content/catalog';

export const layoutModel = () => catalog;
