-- Claims up to ARGV[2] deliveries due at ARGV[1] (epoch ms), holding each until ARGV[3], so that
-- another instance does not send it meanwhile. KEYS[1]: the outbox set. ARGV[4]: the key prefix
-- of deliveries. Answers their JSON.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(due) do
  local delivery = redis.call('GET', ARGV[4] .. id)
  if delivery then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    table.insert(claimed, delivery)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return claimed
