# mixed-log.awk: a load-test log of N lines mixing the sample lines of every
# catalogue entry (under varied prefixes and addresses) with ordinary lines
# that match nothing; it writes the log to stdout and, to the file named by
# `expected`, the count, first and last line of every entry it used: the
# summary headroom explain must print.
# bench/explain.sh uses it too, with a smaller share of error lines.
#   awk -v n=6000 -v seed=7 [-v errors=0.35] -v expected=FILE -f mixed-log.awk samples.txt
BEGIN {
	srand(seed)
	nsamples = 0
	drawn = 0
	if (errors == "")
		errors = 0.35
}
/^\[/ { id = substr($0, 2, length($0) - 2); next }
/^\+ / { line[nsamples] = substr($0, 3); entry[nsamples] = id; nsamples++; next }

function prefix(r) {
	r = int(rand() * 6)
	if (r == 0) return ""
	if (r == 1) return sprintf("2024-05-01T12:%02d:%02d.%03dZ ", rand() * 60, rand() * 60, rand() * 1000)
	if (r == 2) return sprintf("[%6d.%06d] ", rand() * 99999, rand() * 999999)
	if (r == 3) return sprintf("Nov 24 08:12:%02d host%d app[%d]: ", rand() * 60, rand() * 9, 100 + rand() * 30000)
	if (r == 4) return sprintf("WARN[%04d] ", rand() * 9999)
	return sprintf("E1124 08:12:01.%06d    %d server.go:%d] ", rand() * 999999, rand() * 9999, rand() * 999)
}

function address() {
	return sprintf("10.%d.%d.%d", rand() * 256, rand() * 256, 1 + rand() * 254)
}

function noise(k, ip) {
	ip = address()
	k = int(rand() * 6)
	if (k == 0) return sprintf("%s - - [24/Nov/2024:08:12:01 +0000] \"GET /api/items/%d HTTP/1.1\" 200 %d \"-\" \"k6/0.49.0\"", ip, rand() * 99999, rand() * 9999)
	if (k == 1) return sprintf("INFO request served method=GET path=/ws status=101 duration=%.3fms remote=%s:%d", rand() * 50, ip, 1024 + rand() * 60000)
	if (k == 2) return sprintf("{\"level\":\"info\",\"msg\":\"client connected\",\"id\":%d,\"remote\":\"%s:%d\"}", rand() * 99999, ip, 1024 + rand() * 60000)
	if (k == 3) return sprintf("running (%dm%02d.0s), %d/10000 VUs, %d complete and 0 interrupted iterations", rand() * 9, rand() * 60, rand() * 10000, rand() * 999999)
	if (k == 4) return sprintf("ERROR order %d: payment declined (insufficient funds), open files: %d", rand() * 999999, rand() * 99)
	return sprintf("WARN connection %d closed by client %s after %.1fs", rand() * 999999, ip, rand() * 30)
}

END {
	for (i = 1; i <= n; i++) {
		if (rand() < errors) {
			# every sample once, in order, then at random
			s = drawn < nsamples ? drawn++ : int(rand() * nsamples)
			text = line[s]
			gsub(/127\.0\.0\.1/, address(), text)
			print prefix() text
			e = entry[s]
			count[e]++
			if (!(e in first)) first[e] = i
			last[e] = i
		} else {
			print prefix() noise()
		}
	}
	for (e in count)
		printf "%s %d %d %d\n", e, count[e], first[e], last[e] > expected
}
