-- One request against a GCRA budget, atomically: allowed (0) or the wait in µs until it would be.
-- KEYS[1]: the client's key for one action. ARGV[1]: µs between requests. ARGV[2]: the burst.
-- The time is the Redis server's, so every instance counts on one clock.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local emission = tonumber(ARGV[1])
local tolerance = emission * (tonumber(ARGV[2]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then
  tat = now
end
local wait = tat - tolerance - now
if wait > 0 then
  return wait
end
local next_tat = tat + emission
-- At least 1 ms: a budget so large that one request costs under a millisecond still expires.
redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', math.max(1, math.ceil((next_tat - now) / 1000)))
return 0
