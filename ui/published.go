package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/store"
	"crieur/ui/phone"
)

// What the desk published on WhatsApp: the views and reactions read
// every statsEvery, and the corrections and withdrawals of a sent post.
// The desk owns this, whatever screen shows.

// askCorrection asks before publishing the validated correction of a sent
// post, or before deleting it from the channel.
func (d *desk) askCorrection(id, title string, withdraw bool) tea.Msg {
	if d.publishing() == nil {
		d.fail(d.t.WA.NotPublished)
		return nil
	}
	q := d.t.WA.ConfirmCorrect
	if withdraw {
		q = d.t.WA.ConfirmWithdraw
	}
	return askMsg{question: fmt.Sprintf(q, d.title(title)), yes: answer{run: d.correctCmd(id, withdraw)}}
}

// statsTicked reads the stats when connected, and schedules the next
// reading.
func (d *desk) statsTicked() tea.Cmd {
	var cmd tea.Cmd
	if d.waState == sender.WAConnected {
		cmd = d.refreshStatsCmd(false)
	}
	return tea.Batch(cmd, d.statsTickCmd())
}

// statsRead takes the stats read, and says what came of a reading a
// person asked for.
func (d *desk) statsRead(msg statsMsg) {
	if msg.stats != nil {
		d.stats = msg.stats
	}
	switch {
	case msg.err != nil && (msg.asked || msg.loaded):
		if errors.Is(msg.err, errNoWhatsApp) {
			d.fail(d.t.WA.StatsNone)
		} else {
			d.fail(d.errorText(msg.err))
		}
	case msg.asked && msg.read == 0:
		d.say(d.t.WA.StatsNone)
	case msg.asked:
		d.say(d.t.N(d.t.WA.StatsRefreshed, msg.read))
	}
}

// corrected says what a correction or a withdrawal did.
func (d *desk) corrected(msg correctedMsg) {
	switch {
	case msg.err != nil && errors.Is(msg.err, sender.ErrEditWindow):
		d.fail(fmt.Sprintf(d.t.WA.TooLateToEdit, d.title(msg.post.Title)))
	case msg.err != nil:
		d.fail(d.errorText(msg.err))
	case msg.withdraw:
		d.say(fmt.Sprintf(d.t.WA.Withdrawn, d.title(msg.post.Title)))
	default:
		d.say(fmt.Sprintf(d.t.WA.Corrected, d.title(msg.post.Title)))
	}
}

// publicationLines say where a sent post went on WhatsApp, what followers
// did with it, and whether a validated correction waits.
func (d *desk) publicationLines(pubs []store.Publication, id string, w int) []string {
	st := d.styles
	var out []string
	line := func(style lipgloss.Style, text string) {
		out = append(out, style.Render(ansi.Truncate(text, w, "…")))
	}
	for _, pub := range pubs {
		at := pub.At.In(d.loc)
		text := fmt.Sprintf(d.t.WA.PublishedOn, visible(pub.Destination), d.t.ShortDate(at), at.Format("15:04"))
		switch {
		case pub.Deleted:
			text += " · " + d.t.WA.AlreadyWithdrawn
		case !pub.Edited.IsZero():
			text += " · " + d.t.WA.Edited
		}
		out = append(out, "")
		line(st.Muted, text)
		if pub.Pending != "" {
			line(st.Warning, d.t.WA.PendingUnknown)
		}
		if pub.CorrectionReady {
			line(st.OK, d.t.WA.CorrectionPending)
		}
	}
	if stats := d.statsLine(id); stats != "" {
		line(st.Muted, stats)
	}
	return out
}

// phoneStats are a post's stats as the phone preview draws them; nil for
// a post not published or not yet read.
func (d *desk) phoneStats(id string) *phone.Stats {
	ps, ok := d.stats[id]
	if !ok {
		return nil
	}
	out := &phone.Stats{Views: ps.Views}
	for e, n := range ps.Reactions {
		out.Reactions = append(out.Reactions, phone.Reaction{Emoji: e, Count: n})
	}
	sort.Slice(out.Reactions, func(i, j int) bool {
		a, b := out.Reactions[i], out.Reactions[j]
		return a.Count > b.Count || (a.Count == b.Count && a.Emoji < b.Emoji)
	})
	return out
}

// statsText is a post's views and reactions in a few words, "" when none
// were read.
func (d *desk) statsText(id string) string {
	ps, ok := d.stats[id]
	if !ok {
		return ""
	}
	reactions := 0
	for _, n := range ps.Reactions {
		reactions += n
	}
	out := d.t.N(d.t.WA.Views, ps.Views)
	if reactions > 0 {
		out += " · " + d.t.N(d.t.WA.Reactions, reactions)
	}
	return out
}

// statsLine is statsText with the time of the reading, for the preview.
func (d *desk) statsLine(id string) string {
	text := d.statsText(id)
	if text == "" {
		return ""
	}
	at := d.stats[id].At
	if at.IsZero() {
		return text
	}
	return text + " · " + fmt.Sprintf(d.t.WA.StatsAt, strings.TrimSpace(d.t.ShortDate(at.In(d.loc))+" "+at.In(d.loc).Format("15:04")))
}
