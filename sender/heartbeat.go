package sender

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Heartbeat is a small file beside the data file that an open desk
// rewrites as its sending runs go: when it opened, at the start of each
// run and after each send. While the desk holds the data file, `crieur
// send --due` cannot open it and leaves the sending to the desk; the
// heartbeat tells it whether the desk is sending at all, or has stopped
// (a process stopped with SIGSTOP, a laptop's lid, a run hung) and the
// posts due are going nowhere.
//
// It is a file of its own, not a value in the data file: a write every
// run would cost a bbolt commit (two fsyncs) every 30 seconds for
// nothing. The file is written without fsync and replaced by a rename,
// so a reader sees the old heartbeat or the new one; losing the last one
// to a power cut is harmless, since the lock goes with the process.
type Heartbeat struct {
	Path string
	Now  func() time.Time // time.Now when nil
}

// HeartbeatStale is how long a desk may go without a run before send
// --due reports it as stopped: ten times the desk's tick, longer than a
// send is allowed to take.
const HeartbeatStale = 5 * time.Minute

// Beat is what a heartbeat file holds.
type Beat struct {
	PID   int       `json:"pid"`
	At    time.Time `json:"at"`    // the last sign of life
	Sends bool      `json:"sends"` // false: the desk's destinations could not be set up
}

// HeartbeatFor is the heartbeat of the desk that opens the data file at
// path.
func HeartbeatFor(path string, now func() time.Time) *Heartbeat {
	return &Heartbeat{Path: path + ".heartbeat", Now: now}
}

// Beat records a sign of life of this process; sends says whether it
// sends what is due. A nil Heartbeat does nothing.
func (h *Heartbeat) Beat(sends bool) error {
	if h == nil {
		return nil
	}
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	b, err := json.Marshal(Beat{PID: os.Getpid(), At: now(), Sends: sends})
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(h.Path), filepath.Base(h.Path)+".*")
	if err != nil {
		return fmt.Errorf("heartbeat: %w", err)
	}
	_, err = tmp.Write(append(b, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), h.Path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("heartbeat: %w", err)
	}
	return nil
}

// Remove deletes the heartbeat, as the desk closes.
func (h *Heartbeat) Remove() error {
	if h == nil {
		return nil
	}
	if err := os.Remove(h.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Read reads the last beat. A missing file is fs.ErrNotExist.
func (h *Heartbeat) Read() (Beat, error) {
	var b Beat
	data, err := os.ReadFile(h.Path)
	if err != nil {
		return b, err
	}
	if err := json.Unmarshal(data, &b); err != nil || b.At.IsZero() {
		return b, fmt.Errorf("heartbeat %s: not a heartbeat", h.Path)
	}
	return b, nil
}
