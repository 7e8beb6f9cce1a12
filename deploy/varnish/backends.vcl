# The replicas of deploy/compose.yaml, by service name. Varnish resolves each
# name once, when this VCL is loaded; compose.yaml gives every replica a fixed
# address, so a recreated container comes back where Varnish expects it.
# Adding a replica: a service in compose.yaml, a backend here, one more line in
# newsreel_add_backends, then `varnishreload` (or restart Varnish).
# Every backend uses the `readyz` probe declared in newsreel.vcl.

backend app1 {
    .host = "app1";
    .port = "3000";
    .probe = readyz;
}

backend app2 {
    .host = "app2";
    .port = "3000";
    .probe = readyz;
}

backend app3 {
    .host = "app3";
    .port = "3000";
    .probe = readyz;
}

sub newsreel_add_backends {
    replicas.add_backend(app1);
    replicas.add_backend(app2);
    replicas.add_backend(app3);
}
