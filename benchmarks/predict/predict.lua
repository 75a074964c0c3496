-- wrk script: POST one wine-quality instance with the bearer token from the TOKEN environment variable.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token then wrk.headers["Authorization"] = "Bearer " .. token end
wrk.body = '{"instances":[{"fixed_acidity":6.4,"volatile_acidity":0.105,"citric_acid":0.29,"residual_sugar":1.1,' ..
  '"chlorides":0.035,"free_sulfur_dioxide":44,"total_sulfur_dioxide":140,"density":0.99142,"ph":3.17,' ..
  '"sulphates":0.55,"alcohol":10.7,"is_red":0}]}'

done = function(summary, latency, requests)
  io.write(string.format('{"rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, "requests": %d, "errors": %d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
