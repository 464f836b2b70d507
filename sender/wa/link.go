package wa

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"

	"crieur/sender"
)

// pairWindow is how long a pairing code can be typed: the login
// connection lives as long as its six QR codes, 60 s and then 20 s each.
const pairWindow = 160 * time.Second

// ErrLinked is a link asked of a desk that is already linked.
var ErrLinked = errors.New("this desk is already linked: unlink it first (crieur whatsapp unlink)")

// PhoneNumber checks a number for pairing by code and returns it as
// WhatsApp wants it: international, digits only. "+33 6 12 34 56 78" and
// "0033612345678" are accepted; a national number ("06...") is not.
func PhoneNumber(phone string) (string, error) {
	var digits strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return "", fmt.Errorf("%q is not a phone number", phone)
		}
	}
	n := strings.TrimPrefix(digits.String(), "00")
	switch {
	case n == "":
		return "", errors.New("no phone number")
	case strings.HasPrefix(n, "0"):
		return "", fmt.Errorf("%q: give the number in international form, as +33 6 12 34 56 78", phone)
	case len(n) < 8 || len(n) > 15:
		return "", fmt.Errorf("%q: an international number has 8 to 15 digits", phone)
	}
	return n, nil
}

// Link implements sender.WhatsApp: a new device is registered in the
// session, and its login connection gives QR codes (or, with a phone
// number, a pairing code) until the phone accepts it or they run out.
func (c *Client) Link(ctx context.Context, phone string) (<-chan sender.LinkEvent, error) {
	if phone != "" {
		var err error
		if phone, err = PhoneNumber(phone); err != nil {
			return nil, err
		}
	}
	if err := c.ensure(ctx); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.wm.Store.ID != nil && !exists(c.path(loggedOutFile)) {
		c.mu.Unlock()
		return nil, ErrLinked
	}
	old, handler := c.attach(c.container.NewDevice())
	wm := c.wm
	c.mu.Unlock()
	detach(old, handler)

	items, err := wm.GetQRChannel(ctx)
	if err != nil {
		return nil, fmt.Errorf("link: %w", err)
	}
	if err := wm.Connect(); err != nil {
		return nil, fmt.Errorf("link: %w: %v", sender.ErrNotConnected, err)
	}
	out := make(chan sender.LinkEvent, 1)
	go c.linking(ctx, wm, phone, items, out)
	return out, nil
}

// linking turns whatsmeow's QR channel into link events.
func (c *Client) linking(ctx context.Context, wm *whatsmeow.Client, phone string, items <-chan whatsmeow.QRChannelItem, out chan<- sender.LinkEvent) {
	defer close(out)
	emit := func(ev sender.LinkEvent) bool {
		select {
		case out <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var paired, done bool
	var started time.Time
	for item := range items {
		switch item.Event {
		case whatsmeow.QRChannelEventCode:
			if started.IsZero() {
				started = time.Now()
			}
			if phone == "" {
				if !emit(sender.LinkEvent{Kind: sender.LinkQR, Code: item.Code, Expires: time.Now().Add(item.Timeout)}) {
					c.abandon(wm)
					return
				}
				continue
			}
			if paired {
				continue // the connection's QR codes; the pairing code stands
			}
			paired = true
			code, err := wm.PairPhone(ctx, phone, true, whatsmeow.PairClientChrome, "Chrome (Linux)")
			if err != nil {
				emit(sender.LinkEvent{Kind: sender.LinkFailed, Err: fmt.Errorf("pairing code: %w", err)})
				c.abandon(wm)
				return
			}
			if !emit(sender.LinkEvent{Kind: sender.LinkPairCode, Code: code, Expires: started.Add(pairWindow)}) {
				c.abandon(wm)
				return
			}
		case whatsmeow.QRChannelSuccess.Event:
			done = true
			os.Remove(c.path(loggedOutFile))
			// whatsmeow reconnects with the new identity; the account's
			// name arrives with it.
			wait, cancel := context.WithTimeout(ctx, connectWait)
			c.connect(wait)
			cancel()
			emit(sender.LinkEvent{Kind: sender.LinkDone, Account: c.Account()})
			return
		case whatsmeow.QRChannelTimeout.Event:
			emit(sender.LinkEvent{Kind: sender.LinkExpired})
		case whatsmeow.QRChannelEventError:
			emit(sender.LinkEvent{Kind: sender.LinkFailed, Err: fmt.Errorf("the phone refused the link: %w", item.Error)})
		default:
			emit(sender.LinkEvent{Kind: sender.LinkFailed, Err: linkFailure(item.Event)})
		}
	}
	if !done {
		c.abandon(wm)
	}
}

// linkFailure words the QR channel's other endings.
func linkFailure(event string) error {
	switch event {
	case whatsmeow.QRChannelClientOutdated.Event:
		return errors.New("WhatsApp refuses this version of crieur's WhatsApp library: update crieur")
	case whatsmeow.QRChannelScannedWithoutMultidevice.Event:
		return errors.New("the phone's WhatsApp is too old for linked devices: update it")
	case whatsmeow.QRChannelErrUnexpectedEvent.Event:
		return errors.New("WhatsApp answered unexpectedly; try again")
	}
	return fmt.Errorf("linking stopped (%s)", event)
}

// abandon drops a link that did not happen: nothing of it is kept, so the
// desk says "not linked" without opening anything.
func (c *Client) abandon(wm *whatsmeow.Client) {
	wm.Disconnect()
	if wm.Store.ID != nil {
		return
	}
	c.mu.Lock()
	current := c.wm == wm
	c.mu.Unlock()
	if current && !exists(c.path(loggedOutFile)) {
		c.Close()
		c.removeSession()
	}
}

// Unlink implements sender.WhatsApp: the device logs out, so the phone
// no longer lists it, and the session directory is deleted. When WhatsApp
// cannot be told (offline), the session is deleted all the same and the
// error says to remove the device from the phone.
func (c *Client) Unlink(ctx context.Context) error {
	if !exists(c.path(sessionFile)) {
		c.Close()
		return c.removeSession()
	}
	var told error
	if !exists(c.path(loggedOutFile)) {
		wait, cancel := context.WithTimeout(ctx, connectWait)
		wm, err := c.ready(wait)
		if err == nil {
			err = wm.Logout(wait)
		}
		cancel()
		if err != nil && !errors.Is(err, sender.ErrNotLinked) {
			told = err
		}
	}
	if err := errors.Join(c.Close(), c.removeSession()); err != nil {
		return err
	}
	if told != nil {
		return fmt.Errorf("the session was deleted here, but WhatsApp could not be told (%v): remove %q from Linked devices on the phone", told, deviceName)
	}
	return nil
}
