-- Claims up to ARGV[2] pending sessions due to be followed at ARGV[1] (epoch ms), holding each
-- until ARGV[3] so that no other follower reads it meanwhile (one that dies only delays it).
-- KEYS[1]: the follow queue (session id by next read), KEYS[2]: the pending set (session id by
-- expiry). Sessions that ended, or expired before ARGV[4], leave the queue.
-- Answers id, expiry, id, expiry, ...
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(due) do
  local expires = redis.call('ZSCORE', KEYS[2], id)
  if expires and tonumber(expires) >= tonumber(ARGV[4]) then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    table.insert(claimed, id)
    table.insert(claimed, expires)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return claimed
