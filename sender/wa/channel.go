package wa

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the size of a photo
	_ "image/png"
	"net/url"
	"sort"
	"strings"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"crieur/sender"
)

// Channels implements sender.WhatsApp: the channels the account owns or
// administers, the ones it can post to.
func (c *Client) Channels(ctx context.Context) ([]sender.Channel, error) {
	wm, err := c.ready(ctx)
	if err != nil {
		return nil, err
	}
	list, err := wm.GetSubscribedNewsletters(ctx)
	if err != nil {
		return nil, requestError("list the channels", err)
	}
	var out []sender.Channel
	for _, n := range list {
		if ch := channelOf(n); ch.Role == "owner" || ch.Role == "admin" {
			out = append(out, ch)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func channelOf(n *types.NewsletterMetadata) sender.Channel {
	if n == nil {
		return sender.Channel{}
	}
	ch := sender.Channel{JID: n.ID.String(), Name: n.ThreadMeta.Name.Text, Followers: n.ThreadMeta.SubscriberCount}
	if n.ViewerMeta != nil {
		ch.Role = string(n.ViewerMeta.Role)
	}
	return ch
}

// InviteCode is the code of a channel's invite link: the last part of
// "https://whatsapp.com/channel/0029Va...", with or without the scheme,
// "www." or a query, or the bare code.
func InviteCode(link string) (string, error) {
	s := strings.TrimSpace(link)
	if strings.Contains(s, "/") {
		if !strings.Contains(s, "://") {
			s = "https://" + s
		}
		u, err := url.Parse(s)
		host := ""
		if err == nil {
			host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
		path := ""
		if u != nil {
			path = strings.Trim(u.Path, "/")
		}
		rest, ok := strings.CutPrefix(path, "channel/")
		if err != nil || host != "whatsapp.com" || !ok || strings.Contains(rest, "/") {
			return "", fmt.Errorf("%q is not a channel's invite link (https://whatsapp.com/channel/...)", link)
		}
		s = rest
	}
	if s == "" || strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return "", fmt.Errorf("%q is not a channel's invite link (https://whatsapp.com/channel/...)", link)
	}
	return s, nil
}

// ChannelFromInvite implements sender.WhatsApp. The invite tells the
// channel; the account's role in it comes from a second request, as the
// invite's answer does not carry it.
func (c *Client) ChannelFromInvite(ctx context.Context, link string) (sender.Channel, error) {
	code, err := InviteCode(link)
	if err != nil {
		return sender.Channel{}, err
	}
	wm, err := c.ready(ctx)
	if err != nil {
		return sender.Channel{}, err
	}
	n, err := wm.GetNewsletterInfoWithInvite(ctx, code)
	if err != nil {
		return sender.Channel{}, requestError("read the invite", err)
	}
	if n == nil {
		return sender.Channel{}, fmt.Errorf("no channel behind the invite %q", link)
	}
	ch := channelOf(n)
	if full, err := wm.GetNewsletterInfo(ctx, n.ID); err == nil && full != nil && full.ViewerMeta != nil {
		ch.Role = string(full.ViewerMeta.Role)
	}
	return ch, nil
}

// newsletter parses a channel's id.
func newsletter(channel string) (types.JID, error) {
	jid, err := types.ParseJID(channel)
	if err != nil || jid.Server != types.NewsletterServer || jid.User == "" {
		return types.JID{}, fmt.Errorf("%q is not a WhatsApp Channel id", channel)
	}
	return jid, nil
}

// Publish implements sender.WhatsApp. A photo is uploaded first (not
// encrypted: channels are public), then sent with the upload's handle.
func (c *Client) Publish(ctx context.Context, channel string, msg sender.WAMessage) (sender.WAReceipt, error) {
	jid, err := newsletter(channel)
	if err != nil {
		return sender.WAReceipt{}, err
	}
	wm, err := c.ready(ctx)
	if err != nil {
		return sender.WAReceipt{}, err
	}
	content := messageOf(msg)
	var extra whatsmeow.SendRequestExtra
	if msg.Image != nil {
		up, err := wm.UploadNewsletter(ctx, msg.Image, whatsmeow.MediaImage)
		if err != nil {
			// An upload publishes nothing: the post can go again.
			return sender.WAReceipt{}, fmt.Errorf("%w: upload the photo: %v", sender.ErrNotConnected, err)
		}
		img := content.ImageMessage
		img.URL, img.DirectPath = proto.String(up.URL), proto.String(up.DirectPath)
		img.FileSHA256, img.FileLength = up.FileSHA256, proto.Uint64(up.FileLength)
		extra.MediaHandle = up.Handle
	}
	resp, err := wm.SendMessage(ctx, jid, content, extra)
	if err != nil {
		return sender.WAReceipt{}, sendError(err)
	}
	return sender.WAReceipt{MessageID: resp.ID, ServerID: int64(resp.ServerID), At: resp.Timestamp}, nil
}

// messageOf is msg in WhatsApp's protocol: a photo with its caption, text
// with the link card the desk drew, or plain text.
func messageOf(msg sender.WAMessage) *waE2E.Message {
	if msg.Image != nil {
		img := &waE2E.ImageMessage{
			Caption:       proto.String(msg.Text),
			Mimetype:      proto.String(msg.ImageType),
			JPEGThumbnail: msg.Thumbnail,
		}
		if msg.Alt != "" {
			img.AccessibilityLabel = proto.String(msg.Alt)
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(msg.Image)); err == nil {
			img.Width, img.Height = proto.Uint32(uint32(cfg.Width)), proto.Uint32(uint32(cfg.Height))
		}
		return &waE2E.Message{ImageMessage: img}
	}
	if msg.LinkURL == "" {
		return &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String(msg.Text)}}
	}
	return &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
		Text:          proto.String(msg.Text),
		MatchedText:   proto.String(msg.LinkURL),
		Title:         proto.String(msg.Title),
		Description:   proto.String(msg.Description),
		PreviewType:   waE2E.ExtendedTextMessage_NONE.Enum(),
		JPEGThumbnail: msg.Thumbnail,
	}}
}

// Edit implements sender.WhatsApp. In a channel an edit, like a deletion,
// names the message by the id the device gave it (the receipt's
// MessageID); whatsmeow sends it as an admin edit. A photo's edit carries
// its new caption: the photo itself stays as it was.
func (c *Client) Edit(ctx context.Context, channel string, sent sender.WAReceipt, msg sender.WAMessage) error {
	jid, err := newsletter(channel)
	if err != nil {
		return err
	}
	if sent.MessageID == "" {
		return fmt.Errorf("%w: no message id to edit", sender.ErrRejected)
	}
	wm, err := c.ready(ctx)
	if err != nil {
		return err
	}
	content := messageOf(msg)
	if img := content.ImageMessage; img != nil {
		content = &waE2E.Message{ImageMessage: &waE2E.ImageMessage{
			Caption: img.Caption, Mimetype: img.Mimetype, JPEGThumbnail: img.JPEGThumbnail,
			Width: img.Width, Height: img.Height, AccessibilityLabel: img.AccessibilityLabel,
		}}
	}
	_, err = wm.SendMessage(ctx, jid, wm.BuildEdit(jid, types.MessageID(sent.MessageID), content))
	return sendError(err)
}

// Delete implements sender.WhatsApp.
func (c *Client) Delete(ctx context.Context, channel string, sent sender.WAReceipt) error {
	jid, err := newsletter(channel)
	if err != nil {
		return err
	}
	if sent.MessageID == "" {
		return fmt.Errorf("%w: no message id to delete", sender.ErrRejected)
	}
	wm, err := c.ready(ctx)
	if err != nil {
		return err
	}
	_, err = wm.SendMessage(ctx, jid, wm.BuildRevoke(jid, types.EmptyJID, types.MessageID(sent.MessageID)))
	return sendError(err)
}

// statsSpan is the most messages one request for stats reads.
const statsSpan = 100

// Stats implements sender.WhatsApp. A channel's server ids follow each
// other, so the messages asked about are read as runs of consecutive
// ids, newest first, and those not asked about are dropped.
func (c *Client) Stats(ctx context.Context, channel string, serverIDs []int64) (map[int64]sender.WAStats, error) {
	jid, err := newsletter(channel)
	if err != nil {
		return nil, err
	}
	wm, err := c.ready(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]sender.WAStats{}
	for _, run := range statsRuns(serverIDs, statsSpan) {
		msgs, err := wm.GetNewsletterMessages(ctx, jid, &whatsmeow.GetNewsletterMessagesParams{
			Count: int(run.newest - run.oldest + 1), Before: types.MessageServerID(run.newest + 1),
		})
		if err != nil {
			return nil, requestError("read the stats", err)
		}
		for _, m := range msgs {
			id := int64(m.MessageServerID)
			if run.wanted[id] {
				out[id] = sender.WAStats{Views: m.ViewsCount, Reactions: m.ReactionCounts}
			}
		}
	}
	return out, nil
}

// statsRun is one request for stats: the ids from oldest to newest, of
// which wanted are asked about.
type statsRun struct {
	oldest, newest int64
	wanted         map[int64]bool
}

// statsRuns groups ids into runs no longer than span, newest first.
func statsRuns(ids []int64, span int64) []statsRun {
	sorted := append([]int64(nil), ids...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] > sorted[j] })
	var runs []statsRun
	for _, id := range sorted {
		if id <= 0 {
			continue
		}
		if n := len(runs); n > 0 && runs[n-1].newest-id < span {
			if id < runs[n-1].oldest {
				runs[n-1].oldest = id
			}
			runs[n-1].wanted[id] = true
			continue
		}
		runs = append(runs, statsRun{oldest: id, newest: id, wanted: map[int64]bool{id: true}})
	}
	return runs
}

// sendError says what a SendMessage error means for the message, in the
// terms of sender.WhatsApp. It follows whatsmeow's SendMessage (send.go
// at the pinned version): the errors it returns before the message node
// is written are its own checks (not logged in) and those of writing the
// node, which it wraps ("failed to send message node: ..."), so a wrapped
// ErrNotConnected never left; once the node is written, it returns
// ErrMessageTimedOut or the context's error as they are, the server's
// refusal as ErrServerReturnedError, and a bare ErrNotConnected or
// DisconnectedError when the connection dropped before the answer. What
// is not known for sure is ErrNoAck: the message may be published.
func sendError(err error) error {
	var disconnected *whatsmeow.DisconnectedError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sender.ErrNotConnected), errors.Is(err, sender.ErrNotLinked), errors.Is(err, sender.ErrLoggedOut):
		return err
	case errors.Is(err, whatsmeow.ErrNotLoggedIn), errors.Is(err, whatsmeow.ErrClientIsNil):
		return fmt.Errorf("%w: %v", sender.ErrNotLinked, err)
	case errors.Is(err, whatsmeow.ErrServerReturnedError):
		return fmt.Errorf("%w: %v", sender.ErrRejected, err)
	case errors.Is(err, whatsmeow.ErrMessageTimedOut),
		err == context.DeadlineExceeded, err == context.Canceled,
		err == whatsmeow.ErrNotConnected, errors.As(err, &disconnected):
		return fmt.Errorf("%w: %v", sender.ErrNoAck, err)
	case errors.Is(err, whatsmeow.ErrNotConnected):
		return fmt.Errorf("%w: %v", sender.ErrNotConnected, err)
	}
	return fmt.Errorf("%w: %v", sender.ErrNoAck, err)
}

// requestError words the error of a request that publishes nothing (a
// list, an invite, stats): nothing can be duplicated, so a lost
// connection is just "not connected".
func requestError(what string, err error) error {
	var disconnected *whatsmeow.DisconnectedError
	switch {
	case errors.Is(err, whatsmeow.ErrNotConnected), errors.As(err, &disconnected),
		errors.Is(err, whatsmeow.ErrIQTimedOut), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w: %v", what, sender.ErrNotConnected, err)
	case errors.Is(err, whatsmeow.ErrNotLoggedIn):
		return fmt.Errorf("%s: %w", what, sender.ErrNotLinked)
	}
	return fmt.Errorf("%s: %w", what, err)
}
