package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// The test binary doubles as the program: with asMainEnv set it runs main,
// so that tests can send it signals and limits without building it.
const (
	asMainEnv  = "PARKSIM_TEST_AS_MAIN"
	pauseEnv   = "PARKSIM_TEST_PAUSE_AT"   // an outputHook stage to stop at, for a signal
	fileMaxEnv = "PARKSIM_TEST_FILE_LIMIT" // bytes: RLIMIT_FSIZE, so that a write fails
)

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) != "1" {
		os.Exit(m.Run())
	}
	if stage := os.Getenv(pauseEnv); stage != "" {
		outputHook = func(s string) {
			if s == stage {
				fmt.Fprintln(os.Stderr, "paused at "+s)
				select {}
			}
		}
	}
	if v := os.Getenv(fileMaxEnv); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err == nil {
			err = setFileLimit(n)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "test harness:", err)
			os.Exit(99)
		}
	}
	main()
}

// program returns a command that runs the program in a child process.
func program(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), asMainEnv+"=1"), env...)
	return cmd
}

// runPaused starts the program, waits until it reports the pause at stage,
// sends it sig and returns its exit code and stderr.
func runPaused(t *testing.T, stage string, sig syscall.Signal, args ...string) (int, string) {
	t.Helper()
	cmd := program(t, []string{pauseEnv + "=" + stage}, args...)
	cmd.Stdout = io.Discard
	pipe, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() })
	var stderr strings.Builder
	lines := bufio.NewScanner(pipe)
	for lines.Scan() {
		stderr.WriteString(lines.Text() + "\n")
		if lines.Text() == "paused at "+stage {
			break
		}
	}
	require.Contains(t, stderr.String(), "paused at "+stage, "the program never reached %q", stage)
	require.NoError(t, cmd.Process.Signal(sig))
	rest, _ := io.ReadAll(pipe)
	stderr.Write(rest)
	err = cmd.Wait()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		require.NoError(t, err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}
