package sender

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
)

// Names of the secrets, as environment variables and as keys of the
// secrets file.
const (
	EnvTelegramToken = "CRIEUR_TELEGRAM_TOKEN"
	EnvWebhookSecret = "CRIEUR_WEBHOOK_SECRET"
)

var secretKeys = []string{EnvTelegramToken, EnvWebhookSecret}

// Secrets are the tokens the back-ends need. They live in the environment
// or in a file of their own, never in the store, and never show in errors,
// logs or any fmt verb: printing a Secrets says which ones are set and
// where they came from, nothing more.
type Secrets struct {
	values map[string]string
	from   map[string]string // "environment" or the file's path
}

// TelegramToken is the bot token, "" when none is set.
func (s Secrets) TelegramToken() string { return s.values[EnvTelegramToken] }

// WebhookSecret is the key the webhook signs with, nil when none is set.
func (s Secrets) WebhookSecret() []byte {
	if v := s.values[EnvWebhookSecret]; v != "" {
		return []byte(v)
	}
	return nil
}

// Source says where a secret came from: "environment", the file's path,
// or "" when it is not set.
func (s Secrets) Source(key string) string { return s.from[key] }

// String lists the secrets by name with where each came from, never their
// values.
func (s Secrets) String() string {
	var b strings.Builder
	b.WriteString("secrets{")
	for i, k := range secretKeys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k + ": ")
		if src := s.from[k]; src != "" {
			b.WriteString("set (" + src + ")")
		} else {
			b.WriteString("unset")
		}
	}
	b.WriteString("}")
	return b.String()
}

func (s Secrets) GoString() string { return "sender." + s.String() }

// Format makes every verb print String: %v, %+v, %#v, %s, %q, %x alike.
func (s Secrets) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, s.GoString())
		return
	}
	fmt.Fprint(f, s.String())
}

// MarshalText keeps secrets out of JSON, TOML and the like.
func (s Secrets) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LoadSecrets reads the secrets: each from its environment variable when
// set (getenv, os.Getenv when nil), else from the file at path.
//
// The file holds KEY=value lines; blank lines and lines starting with "#"
// are skipped, spaces around key and value and quotes around the value
// are dropped. It must be a regular file readable by its owner only
// (chmod 600): a wider one is refused, as is an unknown key (a misspelt
// name would otherwise leave a back-end without its token). A missing
// file, or an empty path, means no secrets from a file. No error quotes a
// line of the file: it may be a secret pasted on its own.
func LoadSecrets(path string, getenv func(string) string) (Secrets, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	s := Secrets{values: map[string]string{}, from: map[string]string{}}
	if path != "" {
		if err := s.readFile(path); err != nil {
			return Secrets{}, err
		}
	}
	for _, k := range secretKeys {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			s.values[k], s.from[k] = v, "environment"
		}
	}
	return s, nil
}

func (s *Secrets) readFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("secrets file %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("secrets file %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("secrets file %s is not a regular file", path)
	}
	// Windows has no such bits; its files are protected by their ACLs.
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return fmt.Errorf("secrets file %s can be read by others (mode %04o): run chmod 600 %s", path, perm, path)
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(strings.TrimPrefix(key, "export "))
		if !ok || key == "" {
			return fmt.Errorf("secrets file %s, line %d: not KEY=value", path, n)
		}
		if !known(key) {
			// The key is not quoted: a secret pasted alone can hold "=".
			return fmt.Errorf("secrets file %s, line %d: unknown key (known: %s)",
				path, n, strings.Join(secretKeys, ", "))
		}
		value = unquote(strings.TrimSpace(value))
		if value == "" {
			continue
		}
		s.values[key], s.from[key] = value, path
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("secrets file %s: %w", path, err)
	}
	return nil
}

func known(key string) bool {
	for _, k := range secretKeys {
		if k == key {
			return true
		}
	}
	return false
}

// unquote drops one pair of matching quotes around a value.
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
