"""Checks that a CRUDJT master speaks the shared wire protocol to a Python gRPC client.

Generates the Python stubs from token.proto into a temporary directory, then creates, reads,
updates and deletes tokens against the master, with ttl and silence_read set and unset, and
checks that every MessagePack type comes back as it was sent. Prints one "OK ..." line per check
and "INTEROP PASSED" at the end; exits 1 with a "FAIL ..." line at the first mismatch.

Usage: interop_check.py --port PORT --proto-dir DIR --work-dir DIR [--java-token TOKEN]

Needs Debian's python3-grpcio, python3-grpc-tools and python3-msgpack.
"""

import argparse
import subprocess
import sys

import grpc
import msgpack

ABSENT = b"\xc0"

DATA = {
    "int": 42,
    "big": 2 ** 40,
    "negative": -7,
    "float": 3.25,
    "text": "h\u00e9llo \u2713",
    "flag": True,
    "off": False,
    "nothing": None,
    "list": [1, "two", 3.5, [False, None]],
    "map": {"k": "v", "inner": {"deep": 1}},
}

JAVA_DATA = {"from": "java", "n": 7, "ratio": 0.5, "ok": True, "none": None, "tags": ["a", "b"]}


class CheckFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise CheckFailed(what)
    print("OK " + what, flush=True)


def same_types(expected, actual):
    """Compares values and their types, so that 1 and 1.0 or True and 1 never pass as equal."""
    if type(expected) is not type(actual):
        return False
    if isinstance(expected, dict):
        return expected.keys() == actual.keys() and all(
            same_types(expected[k], actual[k]) for k in expected)
    if isinstance(expected, list):
        return len(expected) == len(actual) and all(
            same_types(e, a) for e, a in zip(expected, actual))
    return expected == actual


def generate_stubs(proto_dir, work_dir):
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "-I", proto_dir,
                    "--python_out=" + work_dir, "--grpc_python_out=" + work_dir,
                    "token.proto"], check=True)
    sys.path.insert(0, work_dir)
    import token_pb2
    import token_pb2_grpc
    return token_pb2, token_pb2_grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--proto-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--java-token")
    args = parser.parse_args()

    pb, pb_grpc = generate_stubs(args.proto_dir, args.work_dir)
    channel = grpc.insecure_channel("127.0.0.1:%d" % args.port)
    grpc.channel_ready_future(channel).result(timeout=10)
    stub = pb_grpc.TokenServiceStub(channel)

    def create(data, ttl=-1, silence_read=-1):
        return stub.CreateToken(pb.CreateTokenRequest(
            packed_data=msgpack.packb(data, use_bin_type=True), ttl=ttl,
            silence_read=silence_read), timeout=5).token

    def read_raw(token):
        return stub.ReadToken(pb.ReadTokenRequest(token=token), timeout=5).packed_data

    def read(token):
        return msgpack.unpackb(read_raw(token), raw=False)

    def update(token, data, ttl=-1, silence_read=-1):
        return stub.UpdateToken(pb.UpdateTokenRequest(
            token=token, packed_data=msgpack.packb(data, use_bin_type=True), ttl=ttl,
            silence_read=silence_read), timeout=5).result

    def delete(token):
        return stub.DeleteToken(pb.DeleteTokenRequest(token=token), timeout=5).result

    limited = create(DATA, ttl=60, silence_read=5)
    check(isinstance(limited, str) and len(limited) == 22, "create returns a 22-character token")
    first = read(limited)
    check(set(first.keys()) == {"metadata", "data"}, "read has metadata and data")
    check(same_types(DATA, first["data"]),
          "int, float, str, bool, None, nested list and map keep their types")
    check(set(first["metadata"].keys()) == {"ttl", "silence_read"}, "metadata has both limits")
    check(isinstance(first["metadata"]["ttl"], int) and 0 < first["metadata"]["ttl"] <= 60,
          "ttl counts down from 60")
    check(first["metadata"]["silence_read"] == 4, "silence_read counts the read")

    unlimited = create(DATA)
    plain = read(unlimited)
    check(set(plain.keys()) == {"data"} and same_types(DATA, plain["data"]),
          "unset limits (-1) leave metadata out")
    check(set(read(create({"z": 0}, ttl=0, silence_read=0)).keys()) == {"data"},
          "limits of 0 mean no limit")

    new_data = {"replaced": True, "count": 2, "pi": 3.14159}
    check(update(unlimited, new_data, ttl=30) is True, "update of a live token returns True")
    updated = read(unlimited)
    check(same_types(new_data, updated["data"]), "update replaces the data")
    check(set(updated["metadata"].keys()) == {"ttl"} and 0 < updated["metadata"]["ttl"] <= 30,
          "update sets ttl and leaves silence_read unset")
    check(update(unlimited, new_data) is True, "update with -1 limits returns True")
    check(set(read(unlimited).keys()) == {"data"}, "update with -1 limits removes them")

    once = create({"once": 1}, silence_read=1)
    check(read(once)["metadata"] == {"silence_read": 0}, "the last read still returns data")
    check(read_raw(once) == ABSENT, "a used-up token reads as nil")

    check(delete(unlimited) is True, "delete of a live token returns True")
    check(read_raw(unlimited) == ABSENT and read(unlimited) is None,
          "a deleted token reads as 0xC0, which msgpack gives as None")
    check(delete(unlimited) is False, "a second delete returns False")
    check(update(unlimited, new_data) is False, "update of an absent token returns False")

    try:
        create(DATA, ttl=-5)
        raise CheckFailed("ttl -5 was accepted")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.INVALID_ARGUMENT, "ttl -5 is INVALID_ARGUMENT")
    try:
        stub.CreateToken(pb.CreateTokenRequest(packed_data=msgpack.packb([1, 2]), ttl=-1,
                                               silence_read=-1), timeout=5)
        raise CheckFailed("an array was accepted as data")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.INVALID_ARGUMENT,
              "data that is not a map is INVALID_ARGUMENT")

    if args.java_token:
        from_java = read(args.java_token)
        check(same_types(JAVA_DATA, from_java["data"]), "a token created in Java reads the same")

    print("PYTHON_TOKEN " + create(DATA, ttl=600), flush=True)
    channel.close()
    print("INTEROP PASSED", flush=True)


if __name__ == "__main__":
    try:
        main()
    except CheckFailed as failure:
        print("FAIL " + str(failure), flush=True)
        sys.exit(1)
