/**
 * Mounts the route table (src/routes/table.ts) on an Express app or router:
 * each route's handler under its pattern, and beside it the same pattern with
 * one more trailing slash, which answers 301 to the canonical form (query
 * string kept). The router must route strictly (`strict routing` on the app,
 * `{ strict: true }` on a Router), or Express would serve both forms itself.
 *
 * Handlers come as a record by route name: the HTTP modules each give theirs
 * (app.ts pages and operator routes, feed-routes.ts, image-routes.ts) and
 * createApp joins them into a RouteHandlers, so a route in the table without
 * a handler does not type-check.
 */
import type { RequestHandler } from 'express';
import { TABLE, type Route, type RouteName } from '../routes/table';

export type RouteHandlers<N extends RouteName = RouteName> = { readonly [K in N]: RequestHandler };

/** An Express app or Router: what routes are mounted on. */
export interface Mountable {
  get(path: string, handler: RequestHandler): unknown;
  use(path: string, handler: RequestHandler): unknown;
  use(handler: RequestHandler): unknown;
}

/** A parameter outside its route's `oneOf` values: not this route, the next one may match. */
function guarded(route: Route, handler: RequestHandler): RequestHandler {
  const oneOf = route.oneOf;
  if (!oneOf) return handler;
  const allowed = Object.entries(oneOf).map(([param, values]) => [param, new Set(values)] as const);
  return (req, res, next) => {
    for (const [param, values] of allowed) if (!values.has(req.params[param] as string)) return next();
    return handler(req, res, next);
  };
}

/** 301 from "/path/" (as requested, encoding and query untouched) to "/path". */
const toCanonical: RequestHandler = (req, res) => {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  res.redirect(301, path.slice(0, -1) + (query === -1 ? '' : url.slice(query)));
};

function mountRoute(router: Mountable, route: Route, handler: RequestHandler): void {
  if (route.mount === 'prefix') {
    router.use(route.path.slice(0, route.path.lastIndexOf('/')), guarded(route, handler));
    return;
  }
  router.get(route.path, guarded(route, handler));
  // The form with one more slash ("//" for the root) answers 301 to the declared one.
  router.get(`${route.path}/`, guarded(route, route.trailingSlash === 'either' ? handler : toCanonical));
}

/**
 * Mounts every route in `handlers`, in table order: first the routes whose
 * answers are not compressed on the fly, then `compression` (when given),
 * then the ones that are.
 */
export function mountRoutes(router: Mountable, handlers: Partial<RouteHandlers>, compression?: RequestHandler): void {
  for (const compress of [false, true]) {
    if (compress && compression) router.use(compression);
    for (const route of TABLE) {
      const handler = handlers[route.name];
      if (route.compress === compress && handler) mountRoute(router, route, handler);
    }
  }
}
