-- wrk script: create a new lead per request (each is due for its first outreach at once).
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AISHA_KEY")
local counter = 0
request = function()
  counter = counter + 1
  local id = "lead-" .. math.random(1, 1000000000) .. "-" .. counter
  local body = '{"firstName":"Dana","phone":"+1555' .. string.format("%07d", counter % 10000000) .. '","state":"Unaware"}'
  return wrk.format(nil, "/v1/companies/bench-co/customers/" .. id, nil, body)
end
