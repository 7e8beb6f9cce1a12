// A fixture for test/architecture/layers.test.ts: content/ reaching up into pages/ (a back-arrow) and a circle.
import { layoutModel } from '../pages/layout';

export const catalog = layoutModel;
