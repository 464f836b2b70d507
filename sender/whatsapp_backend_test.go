package sender_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/message"
	"crieur/sender"
	"crieur/sender/wafake"
	"crieur/settings"
	"crieur/store"
)

const testChannel = "120363000000000001@newsletter"

// waDesk is a data file whose seal follows the settings, with a
// whatsapp destination posting through a fake linked device.
type waDesk struct {
	t     *testing.T
	st    *store.Store
	d     *sender.Dispatcher
	wa    *wafake.Fake
	clock time.Time
}

func newWADesk(t *testing.T) *waDesk {
	t.Helper()
	conf := settings.Default()
	conf.Destinations = []settings.Destination{{Name: "whatsapp", Kind: settings.KindWhatsApp, Channel: testChannel}}
	w := &waDesk{t: t, wa: wafake.New(), clock: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	now := func() time.Time { return w.clock }
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{
		Now:  now,
		Hash: func(p store.Post) string { return sender.Seal(p, conf) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w.wa.SetClock(now)
	backends, err := sender.BuildBackends(conf, sender.Secrets{}, nil, t.TempDir(),
		sender.WithWhatsApp(w.wa), sender.WithClock(now), sender.WithTimeout(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	w.st, w.d = st, &sender.Dispatcher{Store: st, Settings: conf, Backends: backends, Now: now}
	return w
}

// validated saves and validates a post.
func (w *waDesk) validated(p store.Post) store.Post {
	w.t.Helper()
	if p.Category == "" {
		p.Category = "service"
	}
	p.Status = store.StatusReady
	p, err := w.st.SavePost(p)
	if err != nil {
		w.t.Fatal(err)
	}
	if p, err = w.st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// queued validates a post and queues it to the channel, due now.
func (w *waDesk) queued(p store.Post) (store.Post, store.Send) {
	w.t.Helper()
	p = w.validated(p)
	sends, err := w.st.Queue(p.ID, []string{"whatsapp"}, w.clock, false, "")
	if err != nil {
		w.t.Fatal(err)
	}
	return p, sends[0]
}

func (w *waDesk) run() sender.Report {
	w.t.Helper()
	r, err := w.d.RunDue(context.Background())
	if err != nil {
		w.t.Fatalf("run: %v", err)
	}
	return r
}

func (w *waDesk) send(id string) store.Send {
	w.t.Helper()
	snd, err := w.st.Send(id)
	if err != nil {
		w.t.Fatal(err)
	}
	return snd
}

// published queues a post, runs the queue and checks it went out.
func (w *waDesk) published(p store.Post) store.Post {
	w.t.Helper()
	p, snd := w.queued(p)
	if r := w.run(); len(r.Sends) != 1 || r.Sends[0].Result != sender.ResultSent {
		w.t.Fatalf("publish: %+v", r)
	}
	if got := w.send(snd.ID); got.State != store.SendSent {
		w.t.Fatalf("send %+v", got)
	}
	p, err := w.st.Post(p.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return p
}

// corrected edits a published post's body and validates the correction.
func (w *waDesk) corrected(id, body string) store.Post {
	w.t.Helper()
	p, err := w.st.Post(id)
	if err != nil {
		w.t.Fatal(err)
	}
	p.Body = body
	if p, err = w.st.SavePost(p); err != nil {
		w.t.Fatal(err)
	}
	if p, err = w.st.Validate(p.ID, p.Rev, "Dominique"); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// taken is p with the picture b taken into the data file under name, as
// the desk keeps it (the store keeps the bytes when the post is saved).
func taken(p store.Post, name string, b []byte) store.Post {
	p.Image = name
	p.Picture = &store.Picture{From: name, Sum: sum(b), Bytes: b}
	return p
}

func picture(t *testing.T, kind string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var buf bytes.Buffer
	switch kind {
	case "png":
		png.Encode(&buf, img)
	case "gif":
		gif.Encode(&buf, img, nil)
	default:
		jpeg.Encode(&buf, img, nil)
	}
	path := filepath.Join(t.TempDir(), "photo."+kind)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkThumb(t *testing.T, b []byte) {
	t.Helper()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || format != "jpeg" || cfg.Width > 192 || cfg.Height > 192 || cfg.Width == 0 {
		t.Errorf("thumbnail: %v %s %dx%d", err, format, cfg.Width, cfg.Height)
	}
}

func TestWhatsAppTextWithCard(t *testing.T) {
	settings := settings.Default()
	p := store.Post{Title: "Marché de Noël", Body: "*Marché* ce samedi", Link: "valbourg.fr/marche"}

	// Offline: the link's domain, never the post's internal title.
	wm, err := sender.WhatsAppMessage(sender.Build(p, settings), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if wm.Text != "*Marché* ce samedi\n\nvalbourg.fr/marche" || wm.LinkURL != "https://valbourg.fr/marche" ||
		wm.Title != "" || wm.Description != "valbourg.fr" || wm.Thumbnail != nil || wm.Image != nil {
		t.Errorf("offline card: %+v", wm)
	}

	// Fetched: what the page says of itself, and its thumbnail.
	thumb := []byte("\xff\xd8thumbnail")
	p.Link = "https://valbourg.fr/marche"
	p.Card = &store.Card{URL: p.Link, Title: "Le marché", Description: "Place de la Mairie", Status: 200, ThumbSum: sum(thumb)}
	wm, err = sender.WhatsAppMessage(sender.Build(p, settings), nil, thumb)
	if err != nil || wm.Title != "Le marché" || wm.Description != "Place de la Mairie" || string(wm.Thumbnail) != string(thumb) {
		t.Errorf("fetched card: %v %+v", err, wm)
	}
	// A thumbnail that is not the validated one is not sent.
	if _, err := sender.WhatsAppMessage(sender.Build(p, settings), nil, []byte("other")); err == nil {
		t.Error("a thumbnail other than the validated one was taken")
	}
	if _, err := sender.WhatsAppMessage(sender.Build(p, settings), nil, nil); err == nil {
		t.Error("a missing thumbnail was taken")
	}

	// No link: plain text.
	wm, err = sender.WhatsAppMessage(message.Message{Text: "Bonjour"}, nil, nil)
	if err != nil || wm.Text != "Bonjour" || wm.LinkURL != "" || wm.Image != nil || wm.Thumbnail != nil {
		t.Errorf("plain text: %v %+v", err, wm)
	}
}

func TestWhatsAppImageWithCaption(t *testing.T) {
	settings := settings.Default()
	photo := mustRead(t, picture(t, "png", 640, 480))
	p := taken(store.Post{Title: "Fête", Body: "La fête des voisins", Link: "https://valbourg.fr/fete", Alt: "Des voisins à table"}, "fete.png", photo)
	msg := sender.Sealed(p, settings)
	wm, err := sender.WhatsAppMessage(msg, photo, nil)
	if err != nil {
		t.Fatal(err)
	}
	if wm.Image == nil || wm.ImageType != "image/png" || wm.Alt != "Des voisins à table" || wm.Text != msg.Text || wm.LinkURL != "" {
		t.Errorf("image message: %s %q %q %q", wm.ImageType, wm.Alt, wm.Text, wm.LinkURL)
	}
	checkThumb(t, wm.Thumbnail)

	// Too long for a caption, with a link: text with the card, the image
	// as its thumbnail.
	p.Body = strings.Repeat("Très long texte. ", 80)
	wm, err = sender.WhatsAppMessage(sender.Sealed(p, settings), photo, nil)
	if err != nil || wm.Image != nil || wm.LinkURL != p.Link || wm.Title != "" || wm.Description != "valbourg.fr" {
		t.Fatalf("long text with an image: %v %+v", err, wm.LinkURL)
	}
	checkThumb(t, wm.Thumbnail)

	// Another picture than the one validated, or none at all.
	if _, err := sender.WhatsAppMessage(msg, mustRead(t, picture(t, "png", 64, 48)), nil); err == nil || !strings.Contains(err.Error(), "not the one validated") {
		t.Errorf("another picture: %v", err)
	}
	if _, err := sender.WhatsAppMessage(msg, nil, nil); err == nil || !strings.Contains(err.Error(), "not in the data file") {
		t.Errorf("no picture: %v", err)
	}
	// WhatsApp takes JPEG and PNG.
	gif := mustRead(t, picture(t, "gif", 8, 8))
	if _, err := sender.WhatsAppMessage(message.Message{Text: "x", Image: "a.gif", ImageSum: sum(gif)}, gif, nil); err == nil {
		t.Error("a GIF was taken")
	}
	jpg := mustRead(t, picture(t, "jpg", 8, 8))
	if _, err := sender.WhatsAppMessage(message.Message{Text: "x", Image: "a.jpg", ImageSum: sum(jpg)}, jpg, nil); err != nil {
		t.Errorf("a JPEG: %v", err)
	}
}

func TestWhatsAppLimits(t *testing.T) {
	b := sender.NewWhatsApp(wafake.New(), testChannel)
	if b.Name() != "whatsapp" || b.Limit() != sender.WhatsAppTextLimit {
		t.Errorf("%s %d", b.Name(), b.Limit())
	}
	limits := sender.LimitsFor(message.Message{Image: "x.jpg"}, b)
	if limits["whatsapp"] != sender.WhatsAppCaptionLimit {
		t.Errorf("image without a link: %v", limits)
	}
	limits = sender.LimitsFor(message.Message{Image: "x.jpg", Link: "https://valbourg.fr"}, b)
	if limits["whatsapp"] != sender.WhatsAppTextLimit {
		t.Errorf("image with a link: %v", limits)
	}
}

func TestWhatsAppErrorOutcomes(t *testing.T) {
	for _, c := range []struct {
		err       error
		outcome   sender.Outcome
		retryable bool
	}{
		{sender.ErrNotLinked, sender.NotSent, false},
		{sender.ErrLoggedOut, sender.NotSent, false},
		{sender.ErrNotConnected, sender.NotSent, true},
		{sender.ErrRejected, sender.Failed, false},
		{sender.ErrNoAck, sender.Unknown, false},
		{context.DeadlineExceeded, sender.Unknown, false},
		{errors.New("stream error"), sender.Unknown, false},
	} {
		err := sender.WhatsAppError(c.err)
		if sender.OutcomeOf(err) != c.outcome || sender.RetryableOf(err) != c.retryable || !errors.Is(err, c.err) {
			t.Errorf("%v: %v, retryable %v", c.err, sender.OutcomeOf(err), sender.RetryableOf(err))
		}
	}
	if sender.WhatsAppError(nil) != nil {
		t.Error("nil is an error")
	}
}

func TestBuildBackendsNeedsTheDevice(t *testing.T) {
	s := settings.Default()
	s.Destinations = []settings.Destination{{Name: "wa", Kind: settings.KindWhatsApp, Channel: testChannel}}
	if _, err := sender.BuildBackends(s, sender.Secrets{}, nil, t.TempDir()); !errors.Is(err, sender.ErrNoWhatsApp) ||
		!strings.Contains(err.Error(), "crieur whatsapp link") {
		t.Errorf("no device: %v", err)
	}
	fake := wafake.New()
	backends, err := sender.BuildBackends(s, sender.Secrets{}, nil, t.TempDir(), sender.WithWhatsApp(fake))
	if err != nil || backends["wa"] == nil || backends["wa"].Name() != "whatsapp" {
		t.Fatalf("%v %v", err, backends)
	}
	d := &sender.Dispatcher{Backends: backends}
	if d.WhatsApp() != fake {
		t.Error("the dispatcher does not give its device")
	}
	if (&sender.Dispatcher{}).WhatsApp() != nil || (*sender.Dispatcher)(nil).WhatsApp() != nil {
		t.Error("a dispatcher without a whatsapp destination gives a device")
	}
}

func TestWhatsAppSendRecordsTheReceipt(t *testing.T) {
	w := newWADesk(t)
	p, snd := w.queued(store.Post{Title: "Piscine", Body: "Fermée lundi", Link: "https://valbourg.fr/piscine"})
	r := w.run()
	if len(r.Sends) != 1 || r.Sends[0].Result != sender.ResultSent || r.Sends[0].RemoteID != "msg-1" {
		t.Fatalf("report %+v", r)
	}
	got := w.send(snd.ID)
	if a := got.Last(); a.RemoteID != "msg-1" || a.ServerID != 101 || a.Channel != testChannel {
		t.Errorf("attempt %+v", a)
	}
	calls := w.wa.CallsOf(wafake.MethodPublish)
	if len(calls) != 1 || calls[0].Channel != testChannel || calls[0].Message.Text != "Fermée lundi\n\nhttps://valbourg.fr/piscine" ||
		calls[0].Message.LinkURL != "https://valbourg.fr/piscine" || calls[0].Message.Title != "" {
		t.Errorf("publish calls %+v", calls)
	}
	pubs, err := w.st.Publications(p.ID)
	if err != nil || len(pubs) != 1 || pubs[0].ServerID != 101 {
		t.Errorf("publications %v %+v", err, pubs)
	}
}

func TestWhatsAppSendSendsTheCardThumbnail(t *testing.T) {
	w := newWADesk(t)
	thumb, err := sender.Thumbnail(mustRead(t, picture(t, "jpg", 400, 300)))
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.st.SavePost(store.Post{Title: "Fête", Body: "Samedi", Link: "https://valbourg.fr/fete", Category: "event", Status: store.StatusReady})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.SetCard(p.ID, store.Card{URL: p.Link, Title: "La fête", Image: "https://valbourg.fr/f.jpg", Status: 200, Thumb: thumb}); err != nil {
		t.Fatal(err)
	}
	p, _ = w.st.Post(p.ID)
	w.published(p)
	calls := w.wa.CallsOf(wafake.MethodPublish)
	if len(calls) != 1 || !bytes.Equal(calls[0].Message.Thumbnail, thumb) || calls[0].Message.Title != "La fête" {
		t.Errorf("publish %+v", calls)
	}
}

func TestWhatsAppSendStates(t *testing.T) {
	for _, c := range []struct {
		name   string
		set    func(*wafake.Fake)
		result sender.Result
		state  store.SendState
		post   store.Status
	}{
		{"not linked", func(f *wafake.Fake) { f.SetState(sender.WANotLinked) }, sender.ResultFailed, store.SendFailed, store.StatusFailed},
		{"logged out", func(f *wafake.Fake) { f.SetState(sender.WALoggedOut) }, sender.ResultFailed, store.SendFailed, store.StatusFailed},
		{"offline", func(f *wafake.Fake) { f.SetState(sender.WAOffline) }, sender.ResultWaiting, store.SendQueued, store.StatusValidated},
		{"rejected", func(f *wafake.Fake) { f.PublishReturns(wafake.Result{Err: sender.ErrRejected}) }, sender.ResultFailed, store.SendFailed, store.StatusFailed},
		{"no answer", func(f *wafake.Fake) { f.PublishReturns(wafake.Result{Hang: true}) }, sender.ResultUnknown, store.SendUnknown, store.StatusUnknown},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWADesk(t)
			c.set(w.wa)
			p, snd := w.queued(store.Post{Title: "Piscine", Body: "Fermée lundi"})
			r := w.run()
			if len(r.Sends) != 1 || r.Sends[0].Result != c.result {
				t.Fatalf("report %+v", r)
			}
			if got := w.send(snd.ID); got.State != c.state {
				t.Errorf("send is %s, want %s", got.State, c.state)
			}
			if got, _ := w.st.Post(p.ID); got.Status != c.post {
				t.Errorf("post is %s, want %s", got.Status, c.post)
			}
			if c.result == sender.ResultWaiting {
				// Back online: the next run sends it.
				w.wa.SetState(sender.WAConnected)
				if r := w.run(); len(r.Sends) != 1 || r.Sends[0].Result != sender.ResultSent {
					t.Errorf("after reconnecting: %+v", r)
				}
			}
			if c.result == sender.ResultUnknown {
				// A message that may have gone out is never sent again by itself.
				if r := w.run(); len(r.Sends) != 0 || len(r.Unresolved) != 1 {
					t.Errorf("second run: %+v", r)
				}
				if n := len(w.wa.CallsOf(wafake.MethodPublish)); n != 1 {
					t.Errorf("published %d times", n)
				}
			}
		})
	}
}

func TestCorrectSendsTheValidatedEdit(t *testing.T) {
	w := newWADesk(t)
	p := w.published(store.Post{Title: "Piscine", Body: "Fermée lundi", Link: "https://valbourg.fr/piscine"})
	ctx := context.Background()

	if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, store.ErrNothingToEdit) {
		t.Errorf("nothing changed: %v", err)
	}
	p.Body = "Fermée lundi et mardi"
	p, _ = w.st.SavePost(p)
	if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, store.ErrNotValidated) {
		t.Errorf("not validated: %v", err)
	}
	p = w.corrected(p.ID, "Fermée lundi et mardi")

	// No answer: recorded as unknown; doing it again is harmless.
	w.wa.EditReturns(sender.ErrNoAck)
	if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, sender.ErrNoAck) {
		t.Fatalf("edit without an answer: %v", err)
	}
	pubs, _ := w.st.Publications(p.ID)
	if pubs[0].Pending != store.EventEditing || !pubs[0].CorrectionReady {
		t.Fatalf("after an unknown edit: %+v", pubs[0])
	}
	if err := w.d.Correct(ctx, p.ID, "Dominique"); err != nil {
		t.Fatal(err)
	}
	edits := w.wa.CallsOf(wafake.MethodEdit)
	if len(edits) != 2 || edits[1].Receipt.ServerID != 101 || edits[1].Receipt.MessageID != "msg-1" ||
		edits[1].Channel != testChannel || !strings.HasPrefix(edits[1].Message.Text, "Fermée lundi et mardi") {
		t.Fatalf("edits %+v", edits)
	}
	if live := w.wa.Live(testChannel); live[0].Message.Text != edits[1].Message.Text {
		t.Errorf("live %+v", live)
	}
	pubs, _ = w.st.Publications(p.ID)
	if pubs[0].CorrectionReady || pubs[0].Pending != "" || pubs[0].Hash != p.Validation.Hash {
		t.Errorf("after the edit: %+v", pubs[0])
	}
	if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, store.ErrNothingToEdit) {
		t.Errorf("again after the edit: %v", err)
	}
	kinds := ""
	events, _ := w.st.Events(p.ID)
	for _, e := range events {
		kinds += e.Kind + ";"
	}
	if !strings.HasSuffix(kinds, "editing;edit unknown;editing;edited;") {
		t.Errorf("events %s", kinds)
	}
	if got, _ := w.st.Post(p.ID); got.Status != store.StatusSent {
		t.Errorf("post is %s", got.Status)
	}
}

func TestCorrectRefusals(t *testing.T) {
	ctx := context.Background()

	t.Run("too late", func(t *testing.T) {
		w := newWADesk(t)
		p := w.published(store.Post{Title: "Piscine", Body: "Fermée lundi"})
		w.clock = w.clock.Add(sender.EditWindow + time.Hour)
		p = w.corrected(p.ID, "Fermée mardi")
		if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, sender.ErrEditWindow) {
			t.Errorf("edit after the window: %v", err)
		}
		if err := w.d.Withdraw(ctx, p.ID, "Dominique"); !errors.Is(err, sender.ErrEditWindow) {
			t.Errorf("delete after the window: %v", err)
		}
		if n := len(w.wa.CallsOf(wafake.MethodEdit)) + len(w.wa.CallsOf(wafake.MethodDelete)); n != 0 {
			t.Errorf("%d requests left", n)
		}
	})

	t.Run("image changed", func(t *testing.T) {
		w := newWADesk(t)
		p := w.published(taken(store.Post{Title: "Fête", Body: "Samedi", Alt: "une photo"}, "fete.jpg", mustRead(t, picture(t, "jpg", 20, 20))))
		p = taken(p, "fete.jpg", mustRead(t, picture(t, "png", 20, 20)))
		p, _ = w.st.SavePost(p)
		if _, err := w.st.Validate(p.ID, p.Rev, "Dominique"); err != nil {
			t.Fatal(err)
		}
		if err := w.d.Correct(ctx, p.ID, "Dominique"); err == nil || !strings.Contains(err.Error(), "image") {
			t.Errorf("image changed: %v", err)
		}
	})

	t.Run("rejected", func(t *testing.T) {
		w := newWADesk(t)
		p := w.published(store.Post{Title: "Piscine", Body: "Fermée lundi"})
		p = w.corrected(p.ID, "Fermée mardi")
		w.wa.EditReturns(sender.ErrRejected)
		if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, sender.ErrRejected) {
			t.Errorf("rejected: %v", err)
		}
		pubs, _ := w.st.Publications(p.ID)
		if pubs[0].Pending != "" || !pubs[0].CorrectionReady {
			t.Errorf("after a refused edit: %+v", pubs[0])
		}
	})

	t.Run("not published", func(t *testing.T) {
		w := newWADesk(t)
		p := w.validated(store.Post{Title: "Piscine", Body: "Fermée lundi"})
		if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, store.ErrNotPublished) {
			t.Errorf("unpublished: %v", err)
		}
	})

	t.Run("no device", func(t *testing.T) {
		d := &sender.Dispatcher{}
		if err := d.Correct(ctx, "x", "y"); !errors.Is(err, sender.ErrNoWhatsApp) {
			t.Errorf("correct: %v", err)
		}
		if err := d.Withdraw(ctx, "x", "y"); !errors.Is(err, sender.ErrNoWhatsApp) {
			t.Errorf("withdraw: %v", err)
		}
		if _, err := d.RefreshStats(ctx); !errors.Is(err, sender.ErrNoWhatsApp) {
			t.Errorf("stats: %v", err)
		}
	})
}

func TestWithdraw(t *testing.T) {
	w := newWADesk(t)
	p := w.published(store.Post{Title: "Piscine", Body: "Fermée lundi"})
	ctx := context.Background()
	w.wa.SetState(sender.WALoggedOut)
	if err := w.d.Withdraw(ctx, p.ID, "Dominique"); !errors.Is(err, sender.ErrLoggedOut) {
		t.Fatalf("logged out: %v", err)
	}
	w.wa.SetState(sender.WAConnected)
	if err := w.d.Withdraw(ctx, p.ID, "Dominique"); err != nil {
		t.Fatal(err)
	}
	if live := w.wa.Live(testChannel); !live[0].Deleted {
		t.Errorf("still live: %+v", live)
	}
	pubs, _ := w.st.Publications(p.ID)
	if !pubs[0].Deleted {
		t.Errorf("publication %+v", pubs[0])
	}
	if err := w.d.Withdraw(ctx, p.ID, "Dominique"); !errors.Is(err, store.ErrWithdrawn) {
		t.Errorf("twice: %v", err)
	}
	p = w.corrected(p.ID, "Fermée mardi")
	if err := w.d.Correct(ctx, p.ID, "Dominique"); !errors.Is(err, store.ErrWithdrawn) {
		t.Errorf("edit after withdrawing: %v", err)
	}
	kinds := ""
	events, _ := w.st.Events(p.ID)
	for _, e := range events {
		kinds += e.Kind + ";"
	}
	if !strings.Contains(kinds, "deleting;delete failed;deleting;deleted;") {
		t.Errorf("events %s", kinds)
	}
}

func TestRefreshStats(t *testing.T) {
	w := newWADesk(t)
	ctx := context.Background()
	var ids []string
	for i := range 60 {
		p := w.published(store.Post{Title: "Post", Body: "Numéro " + strings.Repeat("i", i+1)})
		ids = append(ids, p.ID)
	}
	for i := range 60 {
		w.wa.SetStats(testChannel, int64(101+i), sender.WAStats{Views: 10 + i, Reactions: map[string]int{"👍": i}})
	}

	w.wa.SetState(sender.WAOffline)
	if n, err := w.d.RefreshStats(ctx); !errors.Is(err, sender.ErrNotConnected) || n != 0 {
		t.Fatalf("offline: %d %v", n, err)
	}
	w.wa.SetState(sender.WAConnected)
	w.wa.StatsReturns(nil, errors.New("boom"))
	if _, err := w.d.RefreshStats(ctx); err == nil {
		t.Fatal("a failed batch was not reported")
	}
	if all, _ := w.st.AllStats(); len(all) != 0 {
		t.Fatalf("a failed reading kept %d stats", len(all))
	}

	n, err := w.d.RefreshStats(ctx)
	if err != nil || n != 60 {
		t.Fatalf("refresh: %d %v", n, err)
	}
	calls := w.wa.CallsOf(wafake.MethodStats)
	last := calls[len(calls)-2:]
	if len(last[0].ServerIDs) != 50 || len(last[1].ServerIDs) != 10 {
		t.Errorf("batches of %d and %d", len(last[0].ServerIDs), len(last[1].ServerIDs))
	}
	all, _ := w.st.AllStats()
	if st := all[ids[5]]; st.Views != 15 || st.Reactions["👍"] != 5 || !st.At.Equal(w.clock) {
		t.Errorf("stats of the sixth post: %+v", st)
	}

	// A withdrawn post is not asked about any more.
	if err := w.d.Withdraw(ctx, ids[0], "Dominique"); err != nil {
		t.Fatal(err)
	}
	w.d.RefreshStats(ctx)
	calls = w.wa.CallsOf(wafake.MethodStats)
	for _, id := range calls[len(calls)-2].ServerIDs {
		if id == 101 {
			t.Error("asked about a withdrawn message")
		}
	}
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
