package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/sender"
	"crieur/store"
)

// Link cards: when the desk is online, the page a post links to is read in
// the background for its OpenGraph title, description and image, and the
// result is kept on the post. Offline nothing happens and the card shows
// the post's own title.

// cardMaxAge is how old a kept card may be before opening the post reads
// the page again.
const cardMaxAge = 24 * time.Hour

type (
	cardFetchedMsg struct {
		id     string
		card   store.Card
		err    error
		asked  bool // a person pressed the refresh key: say what happened
		stored bool
		post   store.Post
	}
)

// fetchCardCmd reads the card of p's stored link when there is a client
// and the card is missing or old, or always when asked.
func (m Model) fetchCardCmd(p store.Post, asked bool) tea.Cmd {
	if m.http == nil || p.Rev == 0 || p.Link == "" {
		return nil
	}
	if c := p.CardFor(); c != nil && !asked && m.now().Sub(c.Fetched) < cardMaxAge {
		return nil
	}
	client, st, now, id, link := m.http, m.st, m.now, p.ID, p.Link
	// WhatsApp shows the thumbnail the sender gives: it is read with the
	// card, so that what is validated is what goes out.
	thumbnail := m.waConfigured()
	return func() tea.Msg {
		card, err := sender.FetchCard(context.Background(), client, link, now())
		if err != nil {
			return cardFetchedMsg{id: id, err: err, asked: asked}
		}
		if thumbnail {
			// A page without a usable image keeps a card without one.
			card, _ = sender.FetchThumbnail(context.Background(), client, card)
		}
		saved, err := st.SetCard(id, card)
		return cardFetchedMsg{id: id, card: card, err: err, asked: asked, stored: err == nil, post: saved}
	}
}

func (m *Model) cardResults(msg cardFetchedMsg) tea.Cmd {
	if msg.err != nil {
		if msg.asked {
			m.fail(fmt.Sprintf(m.t.MsgCardFailed, firstLine(msg.err.Error())))
		}
		return nil
	}
	p := msg.post
	was := m.backlog.statusOf(p.ID)
	m.backlog.upsert(p)
	m.backlog.clamp(m.listHeight())
	var cmds []tea.Cmd
	if e := m.editor; e != nil && e.post.ID == p.ID {
		e.post.Card, e.post.Rev, e.post.Status, e.post.Validation = p.Card, p.Rev, p.Status, p.Validation
		e.proof.key = "" // the message changed
		_, right := m.editorSplit()
		cmds = append(cmds, m.refresh(&e.proof, e.current(), right))
	}
	if pv := m.preview; pv != nil && pv.proof.post.ID == p.ID {
		if m.editor != nil && m.editor.post.ID == p.ID {
			pv.proof.post = m.editor.current()
		} else {
			pv.proof.post = p
		}
		pv.proof.key = ""
		cmds = append(cmds, m.refresh(&pv.proof, pv.proof.post, m.width/2))
	}
	if (was == store.StatusValidated || was == store.StatusPlanned) && p.Status == store.StatusReady {
		m.fail(fmt.Sprintf(m.t.MsgCardInvalidated, m.title(p.Title)))
	} else if msg.asked {
		if msg.card.Status >= 400 {
			m.fail(fmt.Sprintf(m.t.MsgCardStatus, msg.card.Status))
		} else {
			m.say(m.t.MsgCardFetched)
		}
	}
	return tea.Batch(cmds...)
}
