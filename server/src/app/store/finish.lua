-- The end of a read or purge of one session, atomically.
-- KEYS: 1 known, 2 recent, 3 lease, 4 the pending set, 5 the session record, 6 the follow queue.
-- ARGV: 1 kind (final | purged | recent | nothing), 2 value, 3 TTL ms, 4 lease token, 5 session id,
--       6 now (epoch ms).
local kind = ARGV[1]
if kind == 'recent' then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
elseif kind == 'final' or kind == 'purged' then
  -- A purge is never overwritten by a result read before it.
  local known = redis.call('GET', KEYS[1])
  if kind == 'purged' or not known or not string.find(known, '"known":"purged"', 1, true) then
    redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  end
  redis.call('DEL', KEYS[2])
  redis.call('ZREM', KEYS[4], ARGV[5])
  redis.call('ZREM', KEYS[6], ARGV[5])
  -- The record learns when the session finished, once.
  local record = kind == 'final' and redis.call('GET', KEYS[5])
  if record then
    local fields = cjson.decode(record)
    if fields.completedAt == nil or fields.completedAt == cjson.null then
      fields.completedAt = tonumber(ARGV[6])
      redis.call('SET', KEYS[5], cjson.encode(fields), 'KEEPTTL')
    end
  end
end
-- Only the holder releases its lease (an expired one may be someone else's by now).
if redis.call('GET', KEYS[3]) == ARGV[4] then
  redis.call('DEL', KEYS[3])
end
return 1
