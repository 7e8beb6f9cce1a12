# newsreel's reference Varnish configuration: Varnish 7.1 with varnish-modules
# (xkey). Shipped, and tested for real by `npm run test:cluster`
# (scripts/cluster-test.ts); docs/decisions/0017-reference-deployment.md says why
# it is the way it is, README.md ("Operations") how to run it.
#
# What it does:
#   - spreads misses over the replicas (round robin), each watched by a health
#     probe on /readyz, and retries a failed fetch on the next replica, so a
#     replica that dies or restarts costs no reader a failed request;
#   - keeps every page a day past its TTL (grace): while a replica is healthy a
#     stale page is served for at most 10 s while it is refreshed in the
#     background; while none is, for the whole day;
#   - purges by surrogate key: the app sends `xkey: a:<slug> home site ...`
#     on each answer and, after each reload, `PURGE /` with `xkey-purge: <keys>`
#     (or `xkey-softpurge`), accepted only on the listener named `purge` and
#     only from the `purgers` ACL (docs/caching.md).
#
# The replicas are not named here: they come from `backends.vcl`, found on
# Varnish's vcl_path (default /etc/varnish). It declares one `backend` per
# replica, each with `.probe = readyz;`, and `sub newsreel_add_backends`, which
# adds every one to the director `replicas`. deploy/varnish/backends.vcl is the
# one for deploy/compose.yaml; the cluster test writes its own (loopback ports)
# into a folder it puts first on vcl_path.
#
# Start it with two listeners, the public one and one for purges that is never
# published:
#   varnishd -F -f /etc/varnish/newsreel.vcl -a http=:6081 -a purge=:6091 -s malloc,256m
vcl 4.1;

import directors;
import std;
import xkey;

# Who may purge: loopback and the private ranges a container network or a LAN
# uses (the replicas send the purges). PURGE is also refused on any listener
# but `purge`, so a client that reaches the public port through a proxy that
# hides its address (e.g. docker-proxy, whose address is private) still cannot
# empty the cache. Narrow it to the replicas' network where you can.
acl purgers {
    "127.0.0.0"/8;
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
    "fc00::"/7;
}

# A replica is in rotation while /readyz answers 200: after its first content
# load, and until it starts draining on SIGTERM (then 503). Two good answers of
# the last three, one a second: a dead or draining replica is out within about
# 2 s, a restarted one back within about 2 s. Until the first probe answers, a
# replica counts as sick (initial = threshold - 1).
probe readyz {
    .url = "/readyz";
    .expected_response = 200;
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

sub vcl_init {
    new replicas = directors.round_robin();
    call newsreel_add_backends;
}

include "backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        call newsreel_purge;
    }
    # The site is read-only: it answers GET and HEAD, nothing else.
    if (req.method != "GET" && req.method != "HEAD") {
        return (synth(405));
    }
    # The site sets no cookie and reads none: a cookie would only make every
    # reader's request a pass.
    unset req.http.Cookie;

    set req.backend_hint = replicas.backend();
    # Grace: with a healthy replica, a page at most 10 s past its TTL is served
    # while a background fetch refreshes it (older ones are fetched first);
    # with none, anything within beresp.grace (24 h) is served.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    # Health answers describe one replica at this moment: never from the cache.
    if (req.url ~ "^/(healthz|readyz)(\?|$)") {
        return (pass);
    }
    # The builtin rules follow (host header, Authorization → pass).
}

sub newsreel_purge {
    if (local.socket != "purge" || client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (req.http.xkey-purge) {
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    } elsif (req.http.xkey-softpurge) {
        set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
    } else {
        return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
    }
    return (synth(200, "Purged"));
}

sub vcl_backend_fetch {
    # A replica that does not accept a connection within a second is down:
    # move on to the next one (vcl_backend_error) rather than make readers wait.
    set bereq.connect_timeout = 1s;
    set bereq.first_byte_timeout = 15s;
    set bereq.between_bytes_timeout = 5s;
}

sub vcl_backend_response {
    # A replica answering 5xx (failing, or still building its search index) is
    # asked again: the director hands the retry to the next replica.
    if (beresp.status >= 500 && bereq.retries < 3) {
        return (retry);
    }
    # A failed background refresh keeps the stale copy serving.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Previews (private, no-store), Set-Cookie and Vary: * are never kept:
    # the builtin rules make them a hit-for-miss.
    call vcl_builtin_backend_response;

    # Everything else is kept for its TTL (s-maxage) and a day past it.
    set beresp.grace = 24h;
    # Varnish asks replicas for gzip and keeps one gzipped copy; text a replica
    # sent uncompressed is gzipped here. Readers that do not take gzip get it
    # unzipped on delivery; Vary tells the caches after Varnish.
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(xml|json|rss\+xml|atom\+xml|feed\+json|javascript|manifest\+json))") {
        set beresp.do_gzip = true;
    }
    if (beresp.http.Content-Encoding || beresp.do_gzip) {
        if (!beresp.http.Vary) {
            set beresp.http.Vary = "Accept-Encoding";
        } elsif (beresp.http.Vary !~ "(?i)accept-encoding") {
            set beresp.http.Vary = beresp.http.Vary + ", Accept-Encoding";
        }
    }
    return (deliver);
}

sub vcl_backend_error {
    # No answer at all (connection refused or reset, timeout): the next replica.
    if (bereq.retries < 3) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for this cache, not for readers (ask a replica to see them).
    unset resp.http.xkey;
    unset resp.http.Via;
}

sub vcl_synth {
    if (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD";
    }
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200) {
            set resp.http.X-Purged = req.http.x-purged;
            set resp.body = "purged " + req.http.x-purged + {" objects
"};
        } else {
            set resp.body = resp.reason + {"
"};
        }
        return (deliver);
    }
}
