package wafake

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"crieur/sender"
)

func TestPublishNumbersAndRecords(t *testing.T) {
	f := New()
	ctx := context.Background()
	rc, err := f.Publish(ctx, "1@newsletter", sender.WAMessage{Text: "a"})
	if err != nil || rc.MessageID != "msg-1" || rc.ServerID != 101 {
		t.Fatalf("first publish = %+v, %v", rc, err)
	}
	f.PublishReturns(Result{Err: sender.ErrRejected})
	if _, err := f.Publish(ctx, "1@newsletter", sender.WAMessage{Text: "b"}); !errors.Is(err, sender.ErrRejected) {
		t.Fatalf("queued error: %v", err)
	}
	if err := f.Edit(ctx, "1@newsletter", rc, sender.WAMessage{Text: "a2"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Delete(ctx, "1@newsletter", rc); err != nil {
		t.Fatal(err)
	}
	live := f.Live("1@newsletter")
	if len(live) != 1 || live[0].Message.Text != "a2" || live[0].Edits != 1 || !live[0].Deleted {
		t.Fatalf("live = %+v", live)
	}
	if n := len(f.CallsOf(MethodPublish)); n != 2 {
		t.Fatalf("%d publish calls recorded", n)
	}
}

func TestPublishHangsUntilTheContextEnds(t *testing.T) {
	f := New()
	f.PublishReturns(Result{Hang: true})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := f.Publish(ctx, "1@newsletter", sender.WAMessage{Text: "a"})
	if !errors.Is(err, sender.ErrNoAck) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if len(f.Live("1@newsletter")) != 1 {
		t.Fatal("a message that left without an answer may be live")
	}
}

func TestStateGatesCalls(t *testing.T) {
	for state, want := range map[sender.WAState]error{
		sender.WANotLinked:  sender.ErrNotLinked,
		sender.WALoggedOut:  sender.ErrLoggedOut,
		sender.WAOffline:    sender.ErrNotConnected,
		sender.WAConnecting: sender.ErrNotConnected,
	} {
		f := New()
		f.SetState(state)
		f.PublishReturns(Result{})
		if _, err := f.Publish(context.Background(), "c", sender.WAMessage{}); !errors.Is(err, want) {
			t.Errorf("%v: %v, want %v", state, err, want)
		}
		if _, err := f.Stats(context.Background(), "c", []int64{1}); !errors.Is(err, want) {
			t.Errorf("%v stats: %v", state, err)
		}
	}
}

func TestLinkScriptAndEmit(t *testing.T) {
	f := New()
	f.SetState(sender.WANotLinked)
	f.ScriptLink(QR("one", time.Minute))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := f.Link(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if ev := <-events; ev.Kind != sender.LinkQR || ev.Code != "one" {
		t.Fatalf("first event %+v", ev)
	}
	for !f.Emit(Done("+33 6")) {
		time.Sleep(time.Millisecond)
	}
	if ev := <-events; ev.Kind != sender.LinkDone {
		t.Fatalf("second event %+v", ev)
	}
	if _, open := <-events; open {
		t.Fatal("channel open after LinkDone")
	}
	if f.State() != sender.WAConnected || f.Account() != "+33 6" {
		t.Fatalf("after link: %v %q", f.State(), f.Account())
	}
}

func TestInviteAndConcurrency(t *testing.T) {
	f := New()
	f.SetInvite("AbC", sender.Channel{JID: "9@newsletter"})
	ch, err := f.ChannelFromInvite(context.Background(), "https://whatsapp.com/channel/AbC")
	if err != nil || ch.JID != "9@newsletter" {
		t.Fatalf("%+v %v", ch, err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			_, _ = f.Publish(context.Background(), "c", sender.WAMessage{})
			f.SetStats("c", 101, sender.WAStats{Views: 1})
			_, _ = f.Stats(context.Background(), "c", []int64{101})
		})
	}
	wg.Wait()
	if len(f.Live("c")) != 8 {
		t.Fatal("lost a publish")
	}
}
