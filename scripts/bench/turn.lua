-- wrk script: one front-desk turn per request, each on a new conversation so sessions stay small.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AISHA_KEY")
wrk.body = '{"text":"Hi, my AC stopped working and the thermostat is blank","callerId":"+15551234567"}'
local counter = 0
request = function()
  counter = counter + 1
  local path = "/v1/companies/acme-hvac/conversations/bench-" .. math.random(1, 1000000000) .. "-" .. counter .. "/turns"
  return wrk.format(nil, path)
end
