package sender

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"crieur/message"
	"crieur/settings"
	"crieur/store"
)

// Dispatcher delivers the sends whose time has come, each through its
// destination's back-end, with the send log written before and after every
// delivery. It makes one attempt per send and per run: a send that may go
// again by itself (nothing left the machine) waits in the queue for the
// next run, and one whose outcome is unknown waits for a person.
type Dispatcher struct {
	Store *store.Store
	// Settings build the message each send delivers; the store's seal must
	// be made with the same ones (Seal).
	Settings settings.Settings
	Backends map[string]Backend // by destination name, as BuildBackends makes them
	Now      func() time.Time   // time.Now when nil
	// FollowSettings moves, before each run, the queued sends of
	// destinations no longer in Settings to those that are
	// (store.Retarget): set when Settings are the person's own.
	FollowSettings bool
	// Runs lets one run go at a time; the dispatchers a process makes
	// again when its settings change share one. Without it the
	// dispatcher keeps its own.
	Runs *Runs
	// Heartbeat, when set, is rewritten at the start of each run and
	// after each send: the open desk's sign of life for send --due.
	Heartbeat *Heartbeat

	own atomic.Pointer[Runs]
}

// Result is what became of one send in a run.
type Result string

// The results of a run.
const (
	ResultSent       Result = "sent"
	ResultWaiting    Result = "waiting"     // in the queue: nothing left the machine, or this run cannot reach the destination (--offline); a later run tries again
	ResultFailed     Result = "failed"      // the destination did not publish it, or it could not be sent as configured
	ResultUnknown    Result = "unknown"     // it may have gone out: a person checks the channel
	ResultToPaste    Result = "to paste"    // the text is ready for a person to post by hand, and to say so
	ResultSealBroken Result = "seal broken" // the message is no longer what was validated; it stays queued
	ResultNotBegun   Result = "not begun"   // the post cannot be sent now
	ResultOrphaned   Result = "orphaned"    // its destination is no longer in the settings, and a person decides where it goes (store.Orphans)
	ResultDue        Result = "due"         // a dry run: it would go now
)

// Problem reports whether the result needs a person.
func (r Result) Problem() bool {
	switch r {
	case ResultSent, ResultWaiting, ResultDue, ResultToPaste:
		return false
	}
	return true
}

// SendReport is one send in a run. Err never holds a token or a
// webhook's address: the back-ends leave them out.
type SendReport struct {
	SendID      string
	PostID      string
	Title       string
	Destination string
	Result      Result
	RemoteID    string // the destination's id of the message, when sent
	Outbox      string // the copy-and-paste back-end's file
	Copied      bool   // the copy-and-paste back-end put the text on the system clipboard
	NotCopied   string // why it could not
	// Code says why the send did not go as planned, for the catalogue to
	// say (see Code); HTTP is the status the destination answered, if
	// any; Err is the back-end's own words on one line, for the
	// technical record.
	Code Code
	HTTP int
	Err  string
}

// fail sets the report's result and why, from an error.
func (r *SendReport) fail(result Result, err error) {
	r.Result = result
	code, status := CodeOf(err)
	r.Code, r.HTTP, r.Err = code, status, oneLine(err.Error())
}

// failure is what the send log records of the report's error.
func (r SendReport) failure() store.Failure {
	return store.Failure{Code: string(r.Code), HTTP: r.HTTP, Detail: r.Err}
}

// Report is what a run did.
type Report struct {
	DryRun bool
	// Recovered counts the sends found in "sending", cut short by a crash,
	// that the run turned into unknown.
	Recovered int
	// Retargeted counts the posts whose queued sends moved to the
	// destinations of the settings (see store.Retarget).
	Retargeted int
	Sends      []SendReport // the due sends, in the order they were tried
	// Unresolved are all the sends whose outcome is unknown after the run,
	// this run's and earlier ones, until a person resolves them.
	Unresolved []SendReport
	// ToPaste are all the sends waiting for a person to post them by hand
	// after the run, this run's and earlier ones, until they say so.
	ToPaste []SendReport
}

// Problems counts what needs a person after the run: the sends of the run
// that did not go as planned, and those a crash left unknown.
func (r Report) Problems() int {
	n := r.Recovered
	for _, s := range r.Sends {
		if s.Result.Problem() {
			n++
		}
	}
	return n
}

// RunDue recovers the sends a crash left in "sending", then tries every
// send due now once. The error is for the send log itself (the file cannot
// be written); what happened to each send is in the report.
//
// One run goes at a time (see Runs): asked while one is under way, RunDue
// waits for the run that follows it and returns that run's report.
func (d *Dispatcher) RunDue(ctx context.Context) (Report, error) {
	return d.runs().do(ctx, d)
}

// runs is the guard of the dispatcher's runs.
func (d *Dispatcher) runs() *Runs {
	if d.Runs != nil {
		return d.Runs
	}
	if r := d.own.Load(); r != nil {
		return r
	}
	d.own.CompareAndSwap(nil, &Runs{})
	return d.own.Load()
}

// DryRun lists what RunDue would send now, without writing anything. It
// reads only, so it needs no turn.
func (d *Dispatcher) DryRun(ctx context.Context) (Report, error) {
	return d.run(ctx, true)
}

func (d *Dispatcher) run(ctx context.Context, dry bool) (Report, error) {
	report := Report{DryRun: dry}
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	if !dry {
		// A heartbeat that cannot be written stops nothing: send --due
		// then says the desk may be stopped, which a person checks.
		_ = d.Heartbeat.Beat(true)
		n, err := d.Store.RecoverSending()
		if err != nil {
			return report, fmt.Errorf("recover the sends cut short: %w", err)
		}
		report.Recovered = n
		// The destinations may have changed since the posts were planned
		// (the WhatsApp channel chosen in place of copy and paste): the
		// queue follows the settings before anything goes.
		if d.FollowSettings {
			if report.Retargeted, err = d.Store.Retarget(d.Settings.DestinationNames()); err != nil {
				return report, fmt.Errorf("follow the destinations of the settings: %w", err)
			}
		}
	}
	due, err := d.Store.Due(now())
	if err != nil {
		return report, fmt.Errorf("read the queue: %w", err)
	}
	for _, snd := range due {
		if err := ctx.Err(); err != nil {
			return report, err // the rest wait in the queue
		}
		r, err := d.one(ctx, snd, dry)
		report.Sends = append(report.Sends, r)
		if !dry {
			_ = d.Heartbeat.Beat(true)
		}
		if err != nil {
			return report, err
		}
	}
	open, err := d.Store.ToSettle()
	if err != nil {
		return report, fmt.Errorf("read the sends to check: %w", err)
	}
	for _, snd := range open {
		r := d.reportOf(snd)
		a := snd.Last()
		if snd.State == store.SendPaste {
			r.Result = ResultToPaste
			if a != nil {
				r.Outbox = a.Outbox
			}
			report.ToPaste = append(report.ToPaste, r)
			continue
		}
		r.Result = ResultUnknown
		if a != nil {
			r.Code, r.HTTP, r.Err = Code(a.Code), a.HTTP, oneLine(a.Err)
		}
		report.Unresolved = append(report.Unresolved, r)
	}
	return report, nil
}

// one tries one send. The error is only for a send log that cannot be
// written.
func (d *Dispatcher) one(ctx context.Context, snd store.Send, dry bool) (SendReport, error) {
	r := d.reportOf(snd)
	backend, ok := d.Backends[snd.Destination]
	if !ok && d.Unreached(snd.Destination) {
		// Left as it is, queued and without an attempt: a run that has
		// the network sends it.
		r.Result, r.Code, r.Err = ResultWaiting, CodeOffline, fmt.Sprintf("%s is not reached in this run (offline)", snd.Destination)
		return r, nil
	}
	if !ok {
		// Retarget left it: the post went, or may have gone, to a
		// destination no longer listed, which may be a listed one renamed.
		r.Result, r.Code, r.Err = ResultOrphaned, CodeNoDestination, fmt.Sprintf("%s is no longer in the settings; in the desk's week, S sends it to the destinations of the settings and u cancels it", snd.Destination)
		return r, nil
	}
	if dry {
		p, err := d.Store.Post(snd.Post)
		switch {
		case err != nil:
			r.fail(ResultNotBegun, err)
		case p.Validation == nil || Seal(p, d.Settings) != p.Validation.Hash:
			r.Result, r.Code, r.Err = ResultSealBroken, CodeSealBroken, "the message no longer matches what was validated; validate it again"
		default:
			r.Result = ResultDue
		}
		return r, nil
	}

	begun, p, err := d.Store.BeginSend(snd.ID)
	switch {
	case errors.Is(err, store.ErrSealBroken):
		r.fail(ResultSealBroken, err)
		return r, nil
	case errors.Is(err, store.ErrStatus), errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNoSend):
		r.fail(ResultNotBegun, err)
		return r, nil
	case err != nil:
		r.fail(ResultNotBegun, err)
		return r, fmt.Errorf("begin the send of %q to %s: %w", r.Title, snd.Destination, err)
	}
	r.Title = p.Title

	msg := Sealed(p, d.Settings)
	delivery := Delivery{SendID: snd.ID, PostID: snd.Post, Message: msg, Attempt: len(begun.Attempts),
		Key: IdempotencyKey(snd.Post, snd.Destination, begun.Hash)}
	delivery.Picture, delivery.CardThumb = d.attachments(msg)
	receipt, sendErr := backend.Send(ctx, delivery)
	r.Outbox, r.Copied, r.NotCopied = receipt.Outbox, receipt.Copied, receipt.NotCopied
	if sendErr != nil {
		r.fail("", sendErr)
	}

	switch OutcomeOf(sendErr) {
	case Sent:
		r.Result, r.RemoteID = ResultSent, receipt.RemoteID
		_, err = d.Store.FinishSendReceipt(snd.ID, store.Receipt{
			RemoteID: receipt.RemoteID, ServerID: receipt.ServerID, Channel: receipt.Channel,
		})
	case NotSent:
		if RetryableOf(sendErr) {
			// Nothing left the machine: the next run tries again, by
			// which time any delay the destination asked for has passed
			// or is asked again.
			r.Result = ResultWaiting
			_, err = d.Store.RetryNotSent(snd.ID, r.failure())
		} else {
			// Nothing left, but it would fail the same way until someone
			// fixes the settings or the post.
			r.Result = ResultFailed
			_, err = d.Store.FinishSend(snd.ID, store.SendFailed, "", r.failure())
		}
	case Failed:
		r.Result = ResultFailed
		_, err = d.Store.FinishSend(snd.ID, store.SendFailed, "", r.failure())
	case ToPaste:
		r.Result, r.Code, r.HTTP, r.Err = ResultToPaste, "", 0, ""
		_, err = d.Store.AwaitPaste(snd.ID, receipt.Outbox)
	default:
		r.Result = ResultUnknown
		_, err = d.Store.FinishSend(snd.ID, store.SendUnknown, "", r.failure())
	}
	if err != nil {
		// The send stays "sending": the next run reports it unknown.
		return r, fmt.Errorf("record the send of %q to %s: %w", r.Title, snd.Destination, err)
	}
	return r, nil
}

// Unreached reports whether a destination of the settings has no back-end
// in this run, as with --offline, which builds only the copy-and-paste one:
// its sends wait in the queue, untouched, for a run that reaches it. A
// destination missing from the settings is not unreached but unknown.
func (d *Dispatcher) Unreached(destination string) bool {
	if d == nil {
		return false
	}
	if _, ok := d.Backends[destination]; ok {
		return false
	}
	_, ok := d.Settings.Destination(destination)
	return ok
}

// reportOf starts a send's report, with its post's title when the post
// can be read.
func (d *Dispatcher) reportOf(snd store.Send) SendReport {
	r := SendReport{SendID: snd.ID, PostID: snd.Post, Title: snd.Post, Destination: snd.Destination}
	if p, err := d.Store.Post(snd.Post); err == nil {
		r.Title = p.Title
	}
	return r
}

// oneLine keeps an error on one line of a report.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// BuildBackends makes the back-end of each destination of the settings,
// by destination name. The copy-and-paste one writes to outbox and copies
// to the clipboard given WithClipboard, if any. A destination
// whose secret is not set is an error that names the variable, before
// anything is sent; the whatsapp one posts through the linked device
// given with WithWhatsApp, and is an error without one.
func BuildBackends(s settings.Settings, secrets Secrets, client *http.Client, outbox string, opts ...Option) (map[string]Backend, error) {
	cfg := newConfig(opts)
	backends := make(map[string]Backend, len(s.Destinations))
	for _, d := range s.Destinations {
		switch d.Kind {
		case settings.KindManual:
			backends[d.Name] = NewManual(outbox, cfg.clipboard, opts...)
		case settings.KindTelegram:
			token := secrets.TelegramToken()
			if token == "" {
				return nil, &DestinationError{Destination: d.Name, Code: CodeBadToken,
					Err: fmt.Errorf("needs the bot token: set %s in the environment or the secrets file", EnvTelegramToken)}
			}
			backends[d.Name] = NewTelegram(token, d.ChatID, d.APIBase, client, opts...)
		case settings.KindWebhook:
			secret := secrets.WebhookSecret()
			if secret == nil {
				return nil, &DestinationError{Destination: d.Name, Code: CodeNoSecret,
					Err: fmt.Errorf("needs the signing key: set %s in the environment or the secrets file", EnvWebhookSecret)}
			}
			backends[d.Name] = NewWebhook(d.URL, secret, client, opts...)
		case settings.KindWhatsApp:
			if cfg.whatsapp == nil {
				return nil, &DestinationError{Destination: d.Name, Code: CodeWANotLinked, Err: ErrNoWhatsApp}
			}
			backends[d.Name] = NewWhatsApp(cfg.whatsapp, d.Channel, opts...)
		default:
			return nil, &DestinationError{Destination: d.Name, Code: CodeBadKind,
				Err: fmt.Errorf("has kind %q, which crieur cannot send to", d.Kind)}
		}
	}
	return backends, nil
}

// DestinationError is a destination of the settings that cannot be set
// up for sending: Code says why, for the catalogue, and Err in English.
type DestinationError struct {
	Destination string
	Code        Code
	Err         error
}

func (e *DestinationError) Error() string {
	return fmt.Sprintf("destination %q: %v", e.Destination, e.Err)
}

func (e *DestinationError) Unwrap() error { return e.Err }

// attachments reads from the data file the picture and the card's
// thumbnail a sealed message sends. One that cannot be read is left out:
// the back-end that needs it refuses, since it is part of what was
// validated.
func (d *Dispatcher) attachments(msg message.Message) (picture, thumb []byte) {
	if msg.Image != "" && msg.ImageSum != "" && msg.ImageSum != message.NoPicture {
		picture, _ = d.Store.Picture(msg.ImageSum)
	}
	if msg.Card.ThumbSum != "" {
		thumb, _ = d.Store.Thumbnail(msg.Card.ThumbSum)
	}
	return picture, thumb
}
