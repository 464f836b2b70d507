package message

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crieur/message/markup"
)

// Level says whether a check blocks validation.
type Level int

const (
	Warning Level = iota // asks for a confirmation before validating
	Error                // blocks validation
)

// Check codes. The desk turns each into a sentence in its language.
const (
	CheckBodyEmpty   = "body-empty"
	CheckLinkMissing = "link-missing"
	CheckLinkScheme  = "link-not-https"
	CheckLinkDomain  = "link-domain"
	CheckLinkBroken  = "link-broken"
	CheckReadMore    = "read-more"
	CheckTooLong     = "too-long"
	CheckMarkup      = "markup"
	CheckCategory    = "category"
	CheckAlt         = "alt"
	CheckControl     = "control"
	CheckPlaceholder = "placeholder"
	CheckWeekday     = "weekday"
)

// Problem is one thing wrong with a post. Detail carries the specifics
// (the placeholder found, the limit exceeded, the date that does not
// match) in a form the desk shows as is.
type Problem struct {
	Code   string
	Level  Level
	Detail string
}

// Limits are the hard limits of the configured back-ends, by back-end
// name, in characters of the outgoing text.
type Limits map[string]int

// Check runs every offline check on a post as it would be sent. now gives
// the year for dates written without one.
func Check(p Post, r Rules, limits Limits, now time.Time) []Problem {
	var out []Problem
	add := func(code string, level Level, detail string) {
		out = append(out, Problem{Code: code, Level: level, Detail: detail})
	}
	msg := Build(p, r)

	if strings.TrimSpace(p.Body) == "" {
		add(CheckBodyEmpty, Error, "")
	}
	checkLink(p.Link, r.AllowedDomains, add)
	if c := p.Page; c != nil && c.Status >= 400 {
		add(CheckLinkBroken, Error, strconv.Itoa(c.Status))
	}
	// Back-ends count characters as code points; the follower sees
	// graphemes without the markers, which is what "Read more" cuts.
	chars := utf8.RuneCountInString(msg.Text)
	for _, name := range sortedKeys(limits) {
		if limit := limits[name]; limit > 0 && chars > limit {
			add(CheckTooLong, Error, fmt.Sprintf("%s %d/%d", name, chars, limit))
		}
	}
	if seen := markup.Length(msg.Text); r.ReadMore > 0 && seen > r.ReadMore {
		add(CheckReadMore, Warning, fmt.Sprintf("%d/%d", seen, r.ReadMore))
	}
	if m := markup.Unbalanced(p.Body); m != "" {
		add(CheckMarkup, Warning, m)
	}
	if strings.TrimSpace(p.Category) == "" {
		add(CheckCategory, Error, "")
	}
	if p.Image != "" && strings.TrimSpace(p.Alt) == "" {
		add(CheckAlt, Error, "")
	}
	for _, f := range []string{p.Body, p.Link, p.Alt, p.Title} {
		if c, ok := ControlRune(f); ok {
			add(CheckControl, Error, fmt.Sprintf("U+%04X", c))
			break
		}
	}
	if ph := placeholder(p.Body + "\n" + p.Link); ph != "" {
		add(CheckPlaceholder, Error, ph)
	}
	for _, d := range wrongWeekdays(p.Body, now) {
		add(CheckWeekday, Error, d)
	}
	return out
}

// Errors counts the problems that block validation.
func Errors(problems []Problem) int {
	n := 0
	for _, p := range problems {
		if p.Level == Error {
			n++
		}
	}
	return n
}

func checkLink(link string, allowed []string, add func(string, Level, string)) {
	link = strings.TrimSpace(link)
	if link == "" {
		add(CheckLinkMissing, Error, "")
		return
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		add(CheckLinkScheme, Error, link)
		return
	}
	if u.Scheme != "https" {
		add(CheckLinkScheme, Error, u.Scheme)
	}
	if len(allowed) == 0 {
		return
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range allowed {
		d = strings.ToLower(d)
		if host == d || strings.HasSuffix(host, "."+d) {
			return
		}
	}
	add(CheckLinkDomain, Error, host)
}

// ControlRune finds a character that has no business in a post: C0 and
// C1 controls (newline and tab aside), DEL, bidi overrides and isolates,
// and bytes that are not UTF-8.
func ControlRune(s string) (rune, bool) {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r, true
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return r, true
			}
		}
	}
	return 0, false
}

var placeholderRE = regexp.MustCompile(`(?i)\b(TODO|TBD|FIXME|XXX+|lorem ipsum)\b|\[(date|heure|lieu|lien|link|time|place|nom|name|\.\.\.|…)\]|\?\?\?`)

func placeholder(s string) string {
	return placeholderRE.FindString(s)
}

var (
	frDays   = map[string]time.Weekday{"dimanche": 0, "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6}
	enDays   = map[string]time.Weekday{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
	frMonths = map[string]time.Month{"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
	enMonths = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

	// "mardi 3 décembre", "mardi 1er décembre 2026"
	frDateRE = regexp.MustCompile(`(?i)\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(\d{1,2})(?:er)?\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)(?:\s+(\d{4}))?`)
	// "Tuesday 3 December", "Tuesday, December 3rd, 2026"
	enDayMonthRE = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)(?:,?\s+(\d{4}))?`)
	enMonthDayRE = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?`)
)

// wrongWeekdays finds dates whose weekday does not match the day, in
// French and English ("mardi 3 décembre" when the 3rd is a Wednesday). A
// date without a year is taken in the year that puts it nearest to now.
func wrongWeekdays(text string, now time.Time) []string {
	var out []string
	check := func(found, day, dayNum, month, year string, days map[string]time.Weekday, months map[string]time.Month) {
		wd, ok1 := days[strings.ToLower(day)]
		mo, ok2 := months[strings.ToLower(month)]
		d, err := strconv.Atoi(dayNum)
		if !ok1 || !ok2 || err != nil || d < 1 || d > 31 {
			return
		}
		var date time.Time
		if y, err := strconv.Atoi(year); err == nil {
			date = time.Date(y, mo, d, 12, 0, 0, 0, time.UTC)
		} else {
			date = nearest(mo, d, now)
		}
		if date.Day() != d { // 31 November and the like
			out = append(out, found)
			return
		}
		if date.Weekday() != wd {
			out = append(out, found)
		}
	}
	for _, m := range frDateRE.FindAllStringSubmatch(text, -1) {
		check(m[0], m[1], m[2], m[3], m[4], frDays, frMonths)
	}
	for _, m := range enDayMonthRE.FindAllStringSubmatch(text, -1) {
		check(m[0], m[1], m[2], m[3], m[4], enDays, enMonths)
	}
	for _, m := range enMonthDayRE.FindAllStringSubmatch(text, -1) {
		check(m[0], m[1], m[3], m[2], m[4], enDays, enMonths)
	}
	return out
}

func nearest(mo time.Month, d int, now time.Time) time.Time {
	best := time.Time{}
	for _, y := range []int{now.Year() - 1, now.Year(), now.Year() + 1} {
		c := time.Date(y, mo, d, 12, 0, 0, 0, time.UTC)
		if best.IsZero() || abs(c.Sub(now)) < abs(best.Sub(now)) {
			best = c
		}
	}
	return best
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func sortedKeys(m Limits) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
