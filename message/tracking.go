package message

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WeekPlaceholder stands, in the tracking parameters, for the ISO week of
// the post's slot ("2026-W50").
const WeekPlaceholder = "{week}"

// Tracked is link with the channel's tracking parameters (Rules.Tracking)
// when it points to one of the allowed domains: each parameter replaces
// one of the same name, after the link's own, in the template's order,
// {week} filled with the post's week; a parameter left without a value
// (a post with no week yet) is left out. Any other link is returned as
// it is.
func Tracked(link string, r Rules, week string) string {
	params := trackingParams(r.Tracking, week)
	if len(params) == 0 || link == "" {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !allowedHost(u.Hostname(), r.AllowedDomains) {
		return link
	}
	var kept []string
	if u.RawQuery != "" {
		for _, pair := range strings.Split(u.RawQuery, "&") {
			name, _, _ := strings.Cut(pair, "=")
			if n, err := url.QueryUnescape(name); err == nil && hasParam(params, n) {
				continue
			}
			kept = append(kept, pair)
		}
	}
	for _, p := range params {
		kept = append(kept, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	u.RawQuery = strings.Join(kept, "&")
	u.ForceQuery = false
	return u.String()
}

// trackingParams reads the template as name and value pairs.
func trackingParams(template, week string) [][2]string {
	template = strings.TrimSpace(template)
	if template == "" {
		return nil
	}
	var out [][2]string
	for _, pair := range strings.Split(template, "&") {
		k, v, _ := strings.Cut(pair, "=")
		k, errK := url.QueryUnescape(k)
		v, errV := url.QueryUnescape(v)
		v = strings.ReplaceAll(v, WeekPlaceholder, week)
		if errK != nil || errV != nil || k == "" || v == "" {
			continue
		}
		out = append(out, [2]string{k, v})
	}
	return out
}

func hasParam(params [][2]string, name string) bool {
	for _, p := range params {
		if p[0] == name {
			return true
		}
	}
	return false
}

// allowedHost reports whether host is one of the domains or a subdomain;
// with no domains, every host is.
func allowedHost(host string, domains []string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if len(domains) == 0 {
		return true
	}
	for _, d := range domains {
		d = strings.ToLower(strings.TrimSpace(d))
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// replaceLink writes tracked for each whole occurrence of link in text:
// one not followed by more of an address ("…/piscine" is not a prefix of
// "…/piscine-municipale"), so that a link the text already carries goes
// out tracked like the card's.
func replaceLink(text, link, tracked string) string {
	if link == tracked || link == "" || !strings.Contains(text, link) {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, link)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		rest := text[i+len(link):]
		b.WriteString(text[:i])
		if linkEnds(rest) {
			b.WriteString(tracked)
		} else {
			b.WriteString(link)
		}
		text = rest
	}
}

// linkEnds reports whether an address stops where rest begins: at the
// end, a space, a closing mark, or a full stop or colon that ends the
// sentence.
func linkEnds(rest string) bool {
	r, size := utf8.DecodeRuneInString(rest)
	switch {
	case rest == "", unicode.IsSpace(r):
		return true
	case strings.ContainsRune(")]}>\"'»,;!?*_~", r):
		return true
	case r == '.' || r == ':':
		next, _ := utf8.DecodeRuneInString(rest[size:])
		return len(rest) == size || unicode.IsSpace(next)
	}
	return false
}
