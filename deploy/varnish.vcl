vcl 4.1;
# Varnish (Debian's `varnish` 7.x with `varnish-modules` for xkey) in front of the site: reader pages held
# for hours and purged by key the moment the newsroom changes what they show (decision 0022).
#
# Install: apt-get install varnish varnish-modules; copy this file to /etc/varnish/default.vcl; set the
# backend's address and port (where `npm start` / `npm run serve` listens) and the purgers ACL (the site's
# own machines); run varnishd on port 80 (or behind your TLS terminator), e.g. with
# `-a :80 -f /etc/varnish/default.vcl -s malloc,1g`. Start the site with:
#   SURROGATE_KEY_HEADER=xkey               reader responses name their cache tags in an `xkey` header
#   VARNISH_PURGE_URLS=http://127.0.0.1:80  where the site sends its purges (several Varnish servers: a list)
#   TRUST_PROXY=1                           the client's address is the one Varnish saw
# The end-to-end test e2e/varnish.spec.ts runs this very file with Debian's varnishd (it only swaps the
# backend's port; the listening address is varnishd's -a).
#
# What it does:
# - reader pages and feeds that carry keys are held 4 hours (whatever their s-maxage says; a copy the site
#   itself served stale while re-rendering, 1 second) and kept 24 hours more to serve stale: while one request refreshes an expired page in the background (for 15 s
#   past its expiry while the site answers its health check; for the whole day while it does not), and
#   when a refresh fails (stale on error: the failed response is dropped, the old copy kept);
# - concurrent misses for one page wait for a single request to the site (Varnish's waiting list);
# - the newsroom (/admin, /preview), the API (except the live blogs' public poll), every method but
#   GET and HEAD, and anyone carrying the newsroom's session cookie are passed to the site, never cached;
# - `PURGE /` with `xkey-purge: key key ...` drops every page carrying one of the keys (`xkey-softpurge`
#   marks them stale instead: the site soft-purges `trending`, on every article page, at most every few
#   minutes), only from the addresses in the news_purgers ACL;
# - X-Cache (HIT, MISS or PASS) and Age tell what happened; the `xkey` header never reaches a reader.

import std;
import xkey;

backend news_site {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # The health check that decides how stale a page may be served (vcl_recv): robots.txt is cached by the site.
    .probe = {
        .url = "/robots.txt";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the site's own servers. Add each origin machine's address here.
acl news_purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ news_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-news-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-news-purged));
        }
        if (req.http.xkey-softpurge) {
            set req.http.x-news-purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.x-news-purged));
        }
        return (synth(400, "Name the keys in xkey-purge or xkey-softpurge"));
    }

    # The address Varnish saw, replacing whatever the client wrote (the site takes the right-most entry with
    # TRUST_PROXY=1). Behind TLS termination or a CDN, see deploy/nginx.conf's note on X-Forwarded-For.
    set req.http.X-Forwarded-For = client.ip;
    # Never what a client claims (it would change the page stored for everyone): Varnish speaks plain HTTP.
    # Behind a TLS terminator, start the site with BASE_URL=https://... and it treats every request as HTTPS.
    set req.http.X-Forwarded-Proto = "http";

    # Only as long as the site is up does a reader get a page more than 15 s past its expiry from the site
    # itself; while it is down, the copy kept for the day.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 15s;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|preview)(/|\?|$)" || (req.url ~ "^/api(/|\?|$)" && req.url !~ "^/api/live/")) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;)\s*(__Host-)?newsroom_session=" || req.http.Authorization) {
        return (pass);
    }
    # No reader page depends on a cookie: without them, every reader shares one copy.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_pass {
    set req.http.x-news-cache = "PASS";
}

sub vcl_backend_response {
    # A background refresh that failed: keep serving the copy we have (stale on error).
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Pages the site keyed are purged when they change, so they can be held for hours.
    if (beresp.http.xkey && beresp.status == 200 && beresp.http.Cache-Control !~ "(private|no-store|no-cache)") {
        set beresp.ttl = 4h;
        set beresp.grace = 24h;
        # The site answered with its own stale copy while it renders a new one (Next's stale-while-revalidate:
        # the trending list after a soft purge of `trending`): held a moment only, so the next reader's refresh
        # fetches the new render instead of this copy being kept for hours.
        if (beresp.http.x-nextjs-cache == "STALE") {
            set beresp.ttl = 1s;
        }
    }
    # Everything else as its Cache-Control says (Varnish's built-in rules then apply).
}

sub vcl_backend_error {
    # The site could not be reached for a background refresh: the copy we have stays.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (req.http.x-news-cache == "PASS") {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
}

sub vcl_synth {
    # A purge's answer, for the site's log: one line of text.
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
