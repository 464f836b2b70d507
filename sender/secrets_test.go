package sender

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const (
	fileToken  = "111:file-token-value"
	fileSecret = "file-webhook-secret"
	envToken   = "222:env-token-value"
)

func secretsFile(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "secrets")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoadSecretsFromFile(t *testing.T) {
	path := secretsFile(t, "# crieur secrets\n\n"+
		"CRIEUR_TELEGRAM_TOKEN = "+fileToken+"\n"+
		"  # the webhook's\n"+
		"export CRIEUR_WEBHOOK_SECRET=\""+fileSecret+"\"\n", 0o600)
	s, err := LoadSecrets(path, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.TelegramToken() != fileToken || string(s.WebhookSecret()) != fileSecret {
		t.Errorf("read %q, %q", s.TelegramToken(), s.WebhookSecret())
	}
	if s.Source(EnvTelegramToken) != path {
		t.Errorf("source %q", s.Source(EnvTelegramToken))
	}
}

func TestLoadSecretsEnvironmentWins(t *testing.T) {
	path := secretsFile(t, "CRIEUR_TELEGRAM_TOKEN="+fileToken+"\nCRIEUR_WEBHOOK_SECRET="+fileSecret+"\n", 0o600)
	s, err := LoadSecrets(path, env(map[string]string{EnvTelegramToken: envToken}))
	if err != nil {
		t.Fatal(err)
	}
	if s.TelegramToken() != envToken || s.Source(EnvTelegramToken) != "environment" {
		t.Errorf("token %q from %q, want the environment's", s.TelegramToken(), s.Source(EnvTelegramToken))
	}
	if string(s.WebhookSecret()) != fileSecret {
		t.Errorf("the file's webhook secret was lost")
	}
}

func TestLoadSecretsMissingFile(t *testing.T) {
	s, err := LoadSecrets(filepath.Join(t.TempDir(), "none"), env(map[string]string{EnvWebhookSecret: "k"}))
	if err != nil || s.TelegramToken() != "" || string(s.WebhookSecret()) != "k" {
		t.Errorf("got %v, %v", s, err)
	}
	s, err = LoadSecrets("", env(nil))
	if err != nil || s.TelegramToken() != "" || s.WebhookSecret() != nil {
		t.Errorf("got %v, %v", s, err)
	}
}

func TestLoadSecretsRefusesAWideFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits")
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		path := secretsFile(t, "CRIEUR_TELEGRAM_TOKEN="+fileToken+"\n", mode)
		_, err := LoadSecrets(path, env(nil))
		if err == nil {
			t.Fatalf("mode %04o accepted", mode)
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "chmod 600 "+path) {
			t.Errorf("error %q should name the file and the fix", err)
		}
		if strings.Contains(err.Error(), fileToken) {
			t.Errorf("error %q shows the token", err)
		}
	}
	// 0400 is fine: still the owner's only.
	path := secretsFile(t, "CRIEUR_TELEGRAM_TOKEN="+fileToken+"\n", 0o400)
	if _, err := LoadSecrets(path, env(nil)); err != nil {
		t.Error(err)
	}
}

func TestLoadSecretsRefusesNonRegular(t *testing.T) {
	if _, err := LoadSecrets(t.TempDir(), env(nil)); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory: %v", err)
	}
}

func TestLoadSecretsBadLinesDoNotShowThem(t *testing.T) {
	for name, content := range map[string]string{
		"a token alone":  fileToken + "\n",
		"base64 alone":   "c2VjcmV0LXZhbHVl=\n",
		"misspelt key":   "CRIEUR_TELEGRAM_TOKN=" + fileToken + "\n",
		"empty key":      "=" + fileSecret + "\n",
		"lowercase name": "crieur_webhook_secret=" + fileSecret + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadSecrets(secretsFile(t, "# ok\n"+content, 0o600), env(nil))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), "line 2") {
				t.Errorf("error %q should give the line", err)
			}
			for _, s := range []string{fileToken, fileSecret, "c2VjcmV0", "TOKN"} {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q shows %q", err, s)
				}
			}
		})
	}
}

func TestSecretsRedacted(t *testing.T) {
	path := secretsFile(t, "CRIEUR_TELEGRAM_TOKEN="+fileToken+"\n", 0o600)
	s, err := LoadSecrets(path, env(map[string]string{EnvWebhookSecret: fileSecret}))
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(s)
	wrapped := struct{ S Secrets }{s}
	outs := []string{
		fmt.Sprint(s), fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s),
		fmt.Sprintf("%s", s), fmt.Sprintf("%q", s), fmt.Sprintf("%x", s), fmt.Sprintf("%d", s),
		fmt.Sprintf("%v", &s), fmt.Sprintf("%+v", wrapped), fmt.Sprintf("%#v", wrapped), s.String(), string(js),
	}
	for _, out := range outs {
		if strings.Contains(out, "token-value") || strings.Contains(out, "webhook-secret") {
			t.Errorf("%q shows a secret", out)
		}
	}
	if want := "secrets{CRIEUR_TELEGRAM_TOKEN: set (" + path + "), CRIEUR_WEBHOOK_SECRET: set (environment)}"; s.String() != want {
		t.Errorf("String() = %q, want %q", s.String(), want)
	}
}
