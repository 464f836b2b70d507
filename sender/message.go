// Package sender delivers outgoing messages: the back-ends (copy and
// paste, Telegram, a signed webhook, the WhatsApp Channel through the
// WhatsApp interface), the dispatcher that runs the send log's due sends
// and the corrections of published posts, the link cards and thumbnails
// read from the web, and the secrets the back-ends need.
//
// The message itself, its seal and its checks are package message's; the
// functions here build them from a stored post under the settings.
package sender

import (
	"time"

	"crieur/message"
	"crieur/settings"
	"crieur/store"
)

// Outgoing is the part of a stored post the message is made of, with its
// link's card when it was read for the post's current link.
func Outgoing(p store.Post) message.Post {
	out := message.Post{
		Title: p.Title, Body: p.Body, Link: p.Link, Category: p.Category,
		Image: p.Image, Alt: p.Alt,
	}
	if pic := p.PictureFor(); pic != nil {
		out.Picture = &message.Picture{Sum: pic.Sum, Problem: pic.Problem}
	}
	if c := p.CardFor(); c != nil {
		out.Page = &message.Page{
			Title: c.Title, Description: c.Description, Image: c.Image,
			ThumbSum: c.ThumbSum, Status: c.Status,
		}
	}
	return out
}

// Rules are the settings that shape the outgoing message and its checks.
func Rules(s settings.Settings) message.Rules {
	return message.Rules{
		LinkRule:       s.Channel.LinkRule,
		AllowedDomains: s.Channel.AllowedDomains,
		ReadMore:       s.Preview.ReadMore,
		Tracking:       s.Channel.UTM,
	}
}

// outgoing is Outgoing with the week the post goes out in, in the desk's
// time zone, for the tracking parameters.
func outgoing(p store.Post, s settings.Settings) message.Post {
	out := Outgoing(p)
	out.Week = Week(p, s.Location())
	return out
}

// Week is the ISO week a post goes out in, as "2026-W50": its slot's,
// else the slot its topic has reserved, else the week its topic was put
// off to; "" when it has none of them.
func Week(p store.Post, loc *time.Location) string {
	switch {
	case !p.Slot.IsZero():
		return store.WeekOf(p.Slot, loc).String()
	case p.Topic.Approved() && !p.Topic.Slot.IsZero():
		return store.WeekOf(p.Topic.Slot, loc).String()
	case p.Topic != nil && p.Topic.Decision == store.DecideLater:
		return p.Topic.Week
	}
	return ""
}

// Build is the outgoing message of a stored post under the settings.
func Build(p store.Post, s settings.Settings) message.Message {
	return message.Build(outgoing(p, s), Rules(s))
}

// Seal is the hash validation binds a stored post to under the settings.
func Seal(p store.Post, s settings.Settings) string {
	return message.Seal(outgoing(p, s), Rules(s))
}

// Check runs the checks on a stored post as it would be sent under the
// settings, with the back-ends' limits; an idea gets only the checks that
// make sense for an idea (message.CheckIdea).
func Check(p store.Post, s settings.Settings, limits message.Limits, now time.Time) []message.Problem {
	if p.Status == store.StatusIdea {
		return message.CheckIdea(outgoing(p, s), Rules(s), now)
	}
	return message.Check(outgoing(p, s), Rules(s), limits, now)
}

// Problems counts the errors the checks find in a stored post: what the
// backlog marks with ⚠, and what the store keeps up to date when a post's
// status changes (store.Options.Problems).
func Problems(p store.Post, s settings.Settings, now time.Time) int {
	return message.Errors(Check(p, s, nil, now))
}

// Sealed is the message a send delivers: the one the seal covers.
func Sealed(p store.Post, s settings.Settings) message.Message {
	return message.Sealed(outgoing(p, s), Rules(s))
}
