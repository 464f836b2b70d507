package sender

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A run beats at its start and after each send, with the dispatcher's
// clock; nothing else writes the heartbeat, and Remove takes it away.
func TestRunsBeatTheHeartbeat(t *testing.T) {
	hook := newRecorder(t, status(200, `{}`))
	sd := newSendDesk(t, map[string]Backend{"hook": newHook(hook.URL)})
	at := time.Date(2027, 3, 28, 9, 0, 0, 0, time.UTC)
	hb := HeartbeatFor(filepath.Join(t.TempDir(), "crieur.db"), func() time.Time { return at })
	sd.d.Heartbeat = hb
	if _, err := hb.Read(); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a heartbeat before any run: %v", err)
	}
	sd.queued("Marché", "hook")
	sd.run()
	b, err := hb.Read()
	if err != nil || !b.At.Equal(at) || b.PID != os.Getpid() || !b.Sends {
		t.Fatalf("heartbeat after a run %+v, %v", b, err)
	}
	at = at.Add(time.Minute)
	if _, err := sd.d.DryRun(t.Context()); err != nil {
		t.Fatal(err)
	}
	if b, _ := hb.Read(); !b.At.Equal(at.Add(-time.Minute)) {
		t.Errorf("a dry run beat: %+v", b)
	}
	if err := hb.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := hb.Read(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Remove: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(hb.Path)); len(entries) != 0 {
		t.Errorf("files left beside it: %v", entries)
	}
}
