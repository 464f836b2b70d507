package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/store"
	"crieur/ui/phone"
)

// statsEvery is how often the open desk reads the views and reactions of
// what it published on WhatsApp.
const statsEvery = 15 * time.Minute

// statsTimeout bounds one reading of the stats.
const statsTimeout = time.Minute

type (
	statsTickMsg struct{}
	// statsMsg carries every post's stats after a reading (or at load).
	statsMsg struct {
		stats  map[string]store.PostStats
		read   int  // posts whose stats were read now
		asked  bool // a person asked: say what came of it
		err    error
		loaded bool // read from the file only
	}
	correctedMsg struct {
		post     store.Post
		pubs     []store.Publication
		withdraw bool
		err      error
	}
)

// loadStatsCmd reads the stats kept in the file, for the backlog.
func (m Model) loadStatsCmd() tea.Cmd {
	st := m.st
	return func() tea.Msg {
		stats, err := st.AllStats()
		return statsMsg{stats: stats, err: err, loaded: true}
	}
}

// refreshStatsCmd asks WhatsApp for the stats of every published post.
func (m Model) refreshStatsCmd(asked bool) tea.Cmd {
	d, st := m.publishing(), m.st
	if d == nil {
		if asked {
			return func() tea.Msg { return statsMsg{asked: true, err: errNoWhatsApp} }
		}
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), statsTimeout)
		defer cancel()
		n, err := d.RefreshStats(ctx)
		stats, lerr := st.AllStats()
		return statsMsg{stats: stats, read: n, asked: asked, err: errors.Join(err, lerr)}
	}
}

var errNoWhatsApp = errors.New("no WhatsApp destination")

// publishing is the dispatcher when it sends to WhatsApp: it reads the
// stats and sends corrections.
func (m Model) publishing() *sender.Dispatcher {
	if m.dispatcher == nil || m.dispatcher.WhatsApp() == nil {
		return nil
	}
	return m.dispatcher
}

func (m *Model) statsTickCmd() tea.Cmd {
	if m.wa == nil || !m.waConfigured() {
		m.statsTicking = false
		return nil
	}
	m.statsTicking = true
	return tea.Tick(statsEvery, func(time.Time) tea.Msg { return statsTickMsg{} })
}

// askCorrection asks before publishing the validated correction of a sent
// post, or before deleting it from the channel.
func (m Model) askCorrection(id, title string, withdraw bool) (tea.Model, tea.Cmd) {
	if m.publishing() == nil {
		m.fail(m.t.WA.NotPublished)
		return m, nil
	}
	q := m.t.WA.ConfirmCorrect
	if withdraw {
		q = m.t.WA.ConfirmWithdraw
	}
	m.ask(fmt.Sprintf(q, m.title(title)), false, func(m *Model) tea.Cmd {
		return m.correctCmd(id, withdraw)
	}, nil)
	return m, nil
}

func (m Model) correctCmd(id string, withdraw bool) tea.Cmd {
	d, st, who := m.publishing(), m.st, m.who
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		var err error
		if withdraw {
			err = d.Withdraw(ctx, id, who)
		} else {
			err = d.Correct(ctx, id, who)
		}
		p, gerr := st.Post(id)
		pubs, perr := st.Publications(id)
		if err == nil {
			err = errors.Join(gerr, perr)
		}
		return correctedMsg{post: p, pubs: pubs, withdraw: withdraw, err: err}
	}
}

// publicationLines say where a sent post went on WhatsApp, what followers
// did with it, and whether a validated correction waits.
func (m Model) publicationLines(pubs []store.Publication, id string, w int) []string {
	st := &m.styles
	var out []string
	line := func(style lipgloss.Style, text string) {
		out = append(out, style.Render(ansi.Truncate(text, w, "…")))
	}
	for _, pub := range pubs {
		at := pub.At.In(m.loc)
		text := fmt.Sprintf(m.t.WA.PublishedOn, visible(pub.Destination), m.t.ShortDate(at), at.Format("15:04"))
		switch {
		case pub.Deleted:
			text += " · " + m.t.WA.AlreadyWithdrawn
		case !pub.Edited.IsZero():
			text += " · " + m.t.WA.Edited
		}
		out = append(out, "")
		line(st.Muted, text)
		if pub.Pending != "" {
			line(st.Warning, m.t.WA.PendingUnknown)
		}
		if pub.CorrectionReady {
			line(st.OK, m.t.WA.CorrectionPending)
		}
	}
	if stats := m.statsLine(id); stats != "" {
		line(st.Muted, stats)
	}
	return out
}

// publishedResults applies stats and corrections, whatever the screen.
func (m *Model) publishedResults(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case statsTickMsg:
		var cmd tea.Cmd
		if m.waState == sender.WAConnected {
			cmd = m.refreshStatsCmd(false)
		}
		return tea.Batch(cmd, m.statsTickCmd()), true
	case statsMsg:
		if msg.stats != nil {
			m.stats = msg.stats
		}
		switch {
		case msg.err != nil && (msg.asked || msg.loaded):
			if errors.Is(msg.err, errNoWhatsApp) {
				m.fail(m.t.WA.StatsNone)
			} else {
				m.fail(m.errorText(msg.err))
			}
		case msg.asked && msg.read == 0:
			m.say(m.t.WA.StatsNone)
		case msg.asked:
			m.say(fmt.Sprintf(m.t.WA.StatsRefreshed, msg.read))
		}
		for _, pr := range m.proofs() {
			m.refresh(pr, pr.post, m.proofWidth(pr))
		}
		return nil, true
	case correctedMsg:
		if msg.post.ID != "" {
			m.backlog.upsert(msg.post)
		}
		if msg.err != nil {
			if errors.Is(msg.err, sender.ErrEditWindow) {
				m.fail(fmt.Sprintf(m.t.WA.TooLateToEdit, m.title(msg.post.Title)))
			} else {
				m.fail(m.errorText(msg.err))
			}
			return nil, true
		}
		text := m.t.WA.Corrected
		if msg.withdraw {
			text = m.t.WA.Withdrawn
		}
		m.say(fmt.Sprintf(text, m.title(msg.post.Title)))
		if m.preview != nil && m.preview.proof.post.ID == msg.post.ID {
			m.preview.pubs = msg.pubs
			m.refresh(&m.preview.proof, msg.post, m.proofWidth(&m.preview.proof))
		}
		return nil, true
	}
	return nil, false
}

// phoneStats are a post's stats as the phone preview draws them; nil for
// a post not published or not yet read.
func (m Model) phoneStats(id string) *phone.Stats {
	ps, ok := m.stats[id]
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
func (m Model) statsText(id string) string {
	ps, ok := m.stats[id]
	if !ok {
		return ""
	}
	reactions := 0
	for _, n := range ps.Reactions {
		reactions += n
	}
	out := fmt.Sprintf(m.t.WA.Views, m.t.Count(ps.Views))
	if reactions > 0 {
		out += " · " + fmt.Sprintf(m.t.WA.Reactions, m.t.Count(reactions))
	}
	return out
}

// statsLine is statsText with the time of the reading, for the preview.
func (m Model) statsLine(id string) string {
	text := m.statsText(id)
	if text == "" {
		return ""
	}
	at := m.stats[id].At
	if at.IsZero() {
		return text
	}
	return text + " · " + fmt.Sprintf(m.t.WA.StatsAt, strings.TrimSpace(m.t.ShortDate(at.In(m.loc))+" "+at.In(m.loc).Format("15:04")))
}
