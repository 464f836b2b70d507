package message

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The weekday check reads the dates a post writes with their weekday, in
// French and in English, alone ("mardi 3 décembre"), in lists ("lundi 8
// et mardi 9 décembre") and in ranges ("du lundi 8 au lundi 14
// décembre"), where a day written without its month takes the month of
// the date it is listed with. Each date whose weekday is wrong is
// reported with the weekday it should have.

var (
	frDays   = map[string]time.Weekday{"dimanche": 0, "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6}
	enDays   = map[string]time.Weekday{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
	frMonths = map[string]time.Month{"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
	enMonths = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

	frDayNames = [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	enDayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

	// "mardi 3", "mardi 1er décembre", "mardi 3 décembre 2026"
	frDateRE = newDayPattern(`(?i)\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(\d{1,2})(?:er)?\b(?:\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)(?:\s+(\d{4})\b)?)?`, frDayNames[:])
	// "Tuesday 3", "Tuesday 3 December", "Tuesday, the 3rd of December, 2026"
	enDayMonthRE = newDayPattern(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?:\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\b(?:,?\s+(\d{4})\b)?)?`, enDayNames[:])
	// "Tuesday, December 3rd, 2026"
	enMonthDayRE = newDayPattern(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`, enDayNames[:])

	// joinRE is what may stand between the dates of one list or range:
	// "et", "au", "to", "and", a comma, a dash.
	joinRE = regexp.MustCompile(`(?i)^[\s,;]*(?:(?:et|ou|au|à|jusqu['’]au|and|or|to|through|until|till|&|-|–|—)[\s,]*)?(?:(?:le|the)\s+)?$`)
)

// datedDay is a day written with its weekday.
type datedDay struct {
	text       string // as written
	start, end int    // its bytes in the text
	dayStart   int    // where the weekday's word starts, from start
	dayWord    string // the weekday as written
	french     bool
	weekday    time.Weekday
	day        int
	month      time.Month // 0 when neither written nor taken from a list
	year       int        // 0 when neither written nor taken from a list
	ownMonth   bool       // the month is written with the day
}

// wrongWeekdays finds the dates whose weekday does not match the day, in
// French and English: "mardi 3 décembre" when the 3rd is a Wednesday, and
// "du lundi 8 au lundi 14 décembre" when the 8th is a Tuesday. Each is
// reported as written, with the weekday it should have ("lundi 8 → mardi
// 8"); a day that does not exist (31 November) is reported alone. A date
// without a year is taken in the year that puts it nearest to now.
func wrongWeekdays(text string, now time.Time) []string {
	days := datedDays(text)
	resolveMonths(text, days)
	var out []string
	for i := range days {
		d := &days[i]
		if d.month == 0 {
			continue // a weekday and a number, but no date
		}
		var date time.Time
		if d.year != 0 {
			date = time.Date(d.year, d.month, d.day, 12, 0, 0, 0, time.UTC)
		} else {
			date = nearest(d.month, d.day, now)
		}
		switch {
		case d.day < 1 || date.Day() != d.day: // 31 November and the like
			out = append(out, d.text)
		case date.Weekday() != d.weekday:
			out = append(out, d.text+" → "+d.withWeekday(date.Weekday()))
		}
	}
	return out
}

// datedDays finds every weekday followed by a day, in the order written.
func datedDays(text string) []datedDay {
	var days []datedDay
	add := func(m []int, french bool, dayGroup, monthGroup, yearGroup int) {
		group := func(g int) string {
			if m[2*g] < 0 {
				return ""
			}
			return text[m[2*g]:m[2*g+1]]
		}
		word := group(1)
		d := datedDay{start: m[0], end: m[1], dayStart: m[2] - m[0], dayWord: word, french: french, text: text[m[0]:m[1]]}
		if french {
			d.weekday = frDays[strings.ToLower(word)]
		} else {
			d.weekday = enDays[strings.ToLower(word)]
		}
		d.day, _ = strconv.Atoi(group(dayGroup))
		if mo := strings.ToLower(group(monthGroup)); mo != "" {
			if french {
				d.month = frMonths[mo]
			} else {
				d.month = enMonths[mo]
			}
			d.ownMonth = true
		}
		d.year, _ = strconv.Atoi(group(yearGroup))
		days = append(days, d)
	}
	for _, m := range frDateRE.findAll(text) {
		add(m, true, 2, 3, 4)
	}
	for _, m := range enDayMonthRE.findAll(text) {
		add(m, false, 2, 3, 4)
	}
	for _, m := range enMonthDayRE.findAll(text) {
		add(m, false, 3, 2, 4)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].start < days[j].start })
	// The English patterns can find the same weekday twice; the first,
	// longest reading stands.
	kept := days[:0]
	for _, d := range days {
		if len(kept) > 0 && d.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, d)
	}
	return kept
}

// resolveMonths gives each day of a list or a range the month (and year)
// written with the others: a day takes the month of the next day that
// has one, else of the last before it. A year written at the end of a
// range that crosses New Year's Eve is the year before for the months
// after the end's.
func resolveMonths(text string, days []datedDay) {
	for start := 0; start < len(days); {
		end := start + 1
		for end < len(days) && joinRE.MatchString(text[days[end-1].end:days[end].start]) {
			end++
		}
		group := days[start:end]
		for i := range group {
			if group[i].month != 0 {
				continue
			}
			for j := i + 1; j < len(group); j++ {
				if group[j].ownMonth {
					group[i].month, group[i].year = group[j].month, group[j].year
					break
				}
			}
			for j := i - 1; j >= 0 && group[i].month == 0; j-- {
				if group[j].ownMonth {
					group[i].month, group[i].year = group[j].month, group[j].year
				}
			}
		}
		for i := range group {
			if group[i].year != 0 || group[i].month == 0 {
				continue
			}
			for j := i + 1; j < len(group); j++ {
				if group[j].year != 0 {
					group[i].year = group[j].year
					if group[i].month > group[j].month {
						group[i].year--
					}
					break
				}
			}
		}
		start = end
	}
}

// withWeekday is the date as written with another weekday, in the same
// language and case: "lundi 8" becomes "mardi 8", "Monday" "Tuesday".
func (d datedDay) withWeekday(w time.Weekday) string {
	name := enDayNames[w]
	if d.french {
		name = frDayNames[w]
	}
	return d.text[:d.dayStart] + sameCase(name, d.dayWord) + d.text[d.dayStart+len(d.dayWord):]
}

// sameCase writes word (lower case) as model is written: all capitals,
// a capital first, or lower case.
func sameCase(word, model string) string {
	first, _ := utf8.DecodeRuneInString(model)
	switch {
	case model == strings.ToUpper(model) && utf8.RuneCountInString(model) > 1:
		return strings.ToUpper(word)
	case unicode.IsUpper(first):
		r, size := utf8.DecodeRuneInString(word)
		return string(unicode.ToUpper(r)) + word[size:]
	}
	return word
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
