package wa

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	signallog "go.mau.fi/libsignal/logger"
	"go.mau.fi/whatsmeow/store"
	waLog "go.mau.fi/whatsmeow/util/log"
)

// logKeep is how large the log may grow before it is started afresh.
const logKeep = 1 << 20

// fileLog is whatsmeow's logger: warnings and errors, one line each, to a
// file in the session directory, never to the terminal the desk draws.
type fileLog struct {
	module string
	out    *logWriter
}

type logWriter struct {
	mu sync.Mutex
	w  io.WriteCloser // nil: the file could not be opened; lines are dropped
}

// openLog opens the log file, started afresh when it grew past logKeep.
func openLog(path string) *fileLog {
	flags := os.O_WRONLY | os.O_CREATE | os.O_APPEND
	if info, err := os.Stat(path); err == nil && info.Size() > logKeep {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	w := &logWriter{}
	if err == nil {
		w.w = f
	}
	return &fileLog{out: w}
}

func (l *fileLog) write(level, msg string, args []any) {
	if l == nil {
		return
	}
	l.out.mu.Lock()
	defer l.out.mu.Unlock()
	if l.out.w == nil {
		return
	}
	fmt.Fprintf(l.out.w, "%s %s [%s] %s\n", time.Now().Format(time.RFC3339), level, l.module, fmt.Sprintf(msg, args...))
}

func (l *fileLog) Warnf(msg string, args ...any)  { l.write("WARN", msg, args) }
func (l *fileLog) Errorf(msg string, args ...any) { l.write("ERROR", msg, args) }
func (l *fileLog) Infof(string, ...any)           {}
func (l *fileLog) Debugf(string, ...any)          {}

func (l *fileLog) Sub(module string) waLog.Logger {
	if l.module != "" {
		module = l.module + "/" + module
	}
	return &fileLog{module: module, out: l.out}
}

// Close closes the file; later lines are dropped.
func (l *fileLog) Close() error {
	l.out.mu.Lock()
	defer l.out.mu.Unlock()
	if l.out.w == nil {
		return nil
	}
	err := l.out.w.Close()
	l.out.w = nil
	return err
}

// The Signal library under whatsmeow logs through one variable of its
// own, and prints to standard output when none is set: it is pointed, once
// per process, at a logger that writes to the latest session's file.
var (
	signalOnce   sync.Once
	signalTarget atomic.Pointer[fileLog]
)

type signalLog struct{}

func (signalLog) Debug(string, string) {}
func (signalLog) Info(string, string)  {}
func (signalLog) Warning(caller, msg string) {
	signalTarget.Load().write("WARN", "%s: %s", []any{caller, msg})
}
func (signalLog) Error(caller, msg string) {
	signalTarget.Load().write("ERROR", "%s: %s", []any{caller, msg})
}
func (signalLog) Configure(string) {}

func setSignalLog(l *fileLog) {
	signalTarget.Store(&fileLog{module: "Signal", out: l.out})
	signalOnce.Do(func() {
		var logger signallog.Loggable = signalLog{}
		signallog.Setup(&logger)
	})
}

// setDeviceName makes the phone list the desk as "crieur" under Linked
// devices; whatsmeow keeps it in a variable of its own, read when
// linking.
var deviceNameOnce sync.Once

func setDeviceName() {
	deviceNameOnce.Do(func() { store.SetOSInfo(deviceName, [3]uint32{1, 0, 0}) })
}
