package meeting

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// slotLength is how long a slot's event lasts in the team's calendars:
// a post goes out at an instant, but an event needs room to be seen.
const slotLength = 15 * time.Minute

// Calendar writes the planned and reserved slots of weeks weeks from
// from as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75
// octets, text escaped, each slot's event with an id that stays the same
// from one export to the next (so a subscribed calendar updates it), its
// times in the desk's time zone, described by a VTIMEZONE drawn from the
// zone's own rules over the weeks covered.
func Calendar(st *store.Store, s settings.Settings, t *i18n.Text, from store.Week, weeks int, now time.Time) (string, error) {
	loc := s.Location()
	to := from.Start
	for i := 0; i < weeks; i++ {
		to = store.WeekOf(to, loc).End()
	}
	slots, err := Slots(st, s, from.Start, to)
	if err != nil {
		return "", err
	}
	c := &t.Meet.Calendar
	cal := ics.NewCalendarFor("crieur")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(clean(fmt.Sprintf(c.Name, s.Channel.Name)))
	cal.SetXWRTimezone(loc.String())
	tzid := loc.String()
	cal.AddVTimezone(timezone(loc, from.Start.AddDate(0, 0, -1), to.AddDate(0, 0, 1)))
	for _, sl := range slots {
		post, summary := sl.Post, ""
		switch {
		case sl.Post != nil:
			summary = sl.Post.Title
		case sl.Again != nil:
			post, summary = sl.Again, sl.Again.Title
		case sl.Reserved != nil:
			post, summary = sl.Reserved, fmt.Sprintf(c.Reserved, sl.Reserved.Title, writer(sl.Reserved))
		default:
			continue
		}
		ev := cal.AddEvent(SlotUID(sl.At))
		ev.SetDtStampTime(now)
		at := sl.At.In(loc)
		ev.SetProperty(ics.ComponentPropertyDtStart, at.Format("20060102T150405"), ics.WithTZID(tzid))
		ev.SetProperty(ics.ComponentPropertyDtEnd, at.Add(slotLength).In(loc).Format("20060102T150405"), ics.WithTZID(tzid))
		ev.SetSummary(clean(summary))
		var desc []string
		if tp := post.Topic; tp.Approved() {
			if tp.Writer != "" {
				desc = append(desc, fmt.Sprintf(c.Writer, tp.Writer))
			}
			if tp.Angle != "" {
				desc = append(desc, fmt.Sprintf(c.Angle, tp.Angle))
			}
		}
		status := t.Status(string(post.Status))
		if sl.Again != nil {
			status = t.Meet.Minutes.SlotAgain
		}
		desc = append(desc, fmt.Sprintf(c.Status, status))
		if post.Link != "" {
			desc = append(desc, fmt.Sprintf(c.Link, post.Link))
			ev.SetURL(clean(post.Link))
		}
		desc = append(desc, fmt.Sprintf(c.Week, store.WeekOf(at, loc)))
		for i := range desc {
			desc[i] = clean(desc[i])
		}
		ev.SetDescription(strings.Join(desc, "\n"))
		if sl.Reserved != nil {
			ev.SetStatus(ics.ObjectStatusTentative)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	var b strings.Builder
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return "", err
	}
	return b.String(), nil
}

// SlotUID is the event id of a slot: its instant, so that the same slot
// keeps its id whatever fills it.
func SlotUID(at time.Time) string {
	return "slot-" + at.UTC().Format("20060102T150405Z") + "@crieur"
}

// clean keeps a text property on one line of printable characters; the
// description's own line breaks are added after, and escaped.
func clean(s string) string { return cell(strings.ReplaceAll(s, `\|`, "|")) }

// timezone describes loc from just before from to to: one observance per
// offset it takes, each starting at the change, as the zone's own rules
// give them (no recurrence rule to get wrong).
func timezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	observe := func(start time.Time, fromOffset, toOffset int, name string, dst bool) {
		props := []ics.IANAProperty{
			prop(ics.ComponentPropertyDtStart, start.UTC().Add(time.Duration(fromOffset)*time.Second).Format("20060102T150405")),
			prop(ics.ComponentProperty("TZOFFSETFROM"), offset(fromOffset)),
			prop(ics.ComponentProperty("TZOFFSETTO"), offset(toOffset)),
			prop(ics.ComponentProperty("TZNAME"), name),
		}
		if dst {
			tz.Components = append(tz.Components, &ics.Daylight{ComponentBase: ics.ComponentBase{Properties: props}})
		} else {
			tz.Components = append(tz.Components, &ics.Standard{ComponentBase: ics.ComponentBase{Properties: props}})
		}
	}
	at := from.In(loc)
	name, off := at.Zone()
	observe(at, off, off, name, at.IsDST())
	for step := at; step.Before(to); {
		next := step.Add(time.Hour)
		if _, o := next.In(loc).Zone(); o != off {
			// Find the change to the second.
			lo, hi := step, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, o := mid.In(loc).Zone(); o == off {
					lo = mid
				} else {
					hi = mid
				}
			}
			change := hi.Truncate(time.Second)
			n, o := change.In(loc).Zone()
			observe(change, off, o, n, change.In(loc).IsDST())
			off = o
		}
		step = next
	}
	return tz
}

func prop(name ics.ComponentProperty, value string) ics.IANAProperty {
	return ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: string(name), Value: value, ICalParameters: map[string][]string{}}}
}

// offset writes a UTC offset as iCalendar does: "+0100".
func offset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}
