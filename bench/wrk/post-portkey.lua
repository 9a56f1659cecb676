-- post.lua's request through Portkey's gateway: its headers name the provider and the upstream to forward to.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "post.lua")

wrk.headers["x-portkey-provider"] = "openai"
wrk.headers["x-portkey-custom-host"] = os.getenv("BENCH_UPSTREAM_URL") or "http://127.0.0.1:5911/v1"
wrk.headers["Authorization"] = "Bearer sk-bench"   -- forwarded by Portkey; the upstream ignores it
