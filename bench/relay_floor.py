"""The floor of any service that relays S3 objects to its client (issue #23): a TCP relay that does nothing but
pass bytes between the client and the S3 server, in both directions, with no parsing, no archive and no copy it
can avoid. Reading the S3 objects through it instead of straight from the S3 server shows what the second trip
over loopback alone costs on this machine: a bundle makes that trip too, whatever its code does.

    python3 bench/relay_floor.py LISTEN_PORT TARGET_PORT [--copy]

By default the relay moves bytes with splice(2) through a pipe, so they never enter user space (the cheapest a
relay can be on Linux; a JVM cannot splice between sockets). --copy reads into and writes from a 256 KiB user
space buffer instead, which is what a relay in Java does at best. Runs until killed; prints "ready" once listening.
"""
import fcntl
import os
import socket
import sys
import threading

CHUNK = 256 * 1024


def pump_splice(source: socket.socket, sink: socket.socket) -> None:
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, CHUNK)  # one splice moves up to a chunk (64 KiB by default)
    try:
        while True:
            moved = os.splice(source.fileno(), write_end, CHUNK)
            if moved == 0:
                break
            while moved:
                moved -= os.splice(read_end, sink.fileno(), moved)
    except OSError:
        pass
    finally:
        os.close(read_end)
        os.close(write_end)
        shut(sink)


def pump_copy(source: socket.socket, sink: socket.socket) -> None:
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    try:
        while True:
            n = source.recv_into(buffer)
            if n == 0:
                break
            sink.sendall(view[:n])
    except OSError:
        pass
    finally:
        shut(sink)


def shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def main() -> None:
    listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
    pump = pump_copy if "--copy" in sys.argv[3:] else pump_splice
    server = socket.create_server(("127.0.0.1", listen_port), reuse_port=False)
    print("ready", flush=True)
    while True:
        client, _ = server.accept()
        upstream = socket.create_connection(("127.0.0.1", target_port))
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


if __name__ == "__main__":
    main()
