/**
 * The part of ONNX's onnx.proto an exported tree ensemble needs, encoded by protobufjs (field numbers and types as in
 * onnx/onnx.proto3, IR version 8). The schema is written here rather than loaded from a file because no package in
 * the tree ships onnx.proto; the wire format itself is protobufjs's, not ours.
 */
import protobuf from 'protobufjs';

const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7; STRINGS = 8; }
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  AttributeType type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; string doc_string = 3; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string doc_string = 6;
  string domain = 7;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated float float_data = 4;
  repeated int64 int64_data = 7;
  string name = 8;
  repeated double double_data = 10;
}
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message StringStringEntryProto { string key = 1; string value = 2; }
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
`;

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_DOUBLE = 11;

export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

let modelType: protobuf.Type | undefined;

/** The ModelProto message type (parsed once). */
export function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_SUBSET, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

export interface OnnxAttribute {
  name: string;
  type: number;
  i?: number;
  s?: Uint8Array;
  t?: { dims: number[]; data_type: number; float_data?: number[]; double_data?: number[] };
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

export const attr = {
  int: (name: string, i: number): OnnxAttribute => ({ name, type: AttributeType.INT, i }),
  string: (name: string, s: string): OnnxAttribute => ({ name, type: AttributeType.STRING, s: utf8(s) }),
  ints: (name: string, ints: ArrayLike<number>): OnnxAttribute => ({
    name,
    type: AttributeType.INTS,
    ints: Array.from(ints),
  }),
  floats: (name: string, floats: ArrayLike<number>): OnnxAttribute => ({
    name,
    type: AttributeType.FLOATS,
    floats: Array.from(floats),
  }),
  strings: (name: string, strings: string[]): OnnxAttribute => ({
    name,
    type: AttributeType.STRINGS,
    strings: strings.map(utf8),
  }),
  /** A 1-D double tensor: the `*_as_tensor` attributes keep thresholds and leaf values at full precision. */
  doubles: (name: string, values: ArrayLike<number>): OnnxAttribute => ({
    name,
    type: AttributeType.TENSOR,
    t: { dims: [values.length], data_type: ONNX_DOUBLE, double_data: Array.from(values) },
  }),
};

/** Encodes a plain ModelProto object (field names as in onnx.proto) to bytes, after checking it against the schema. */
export function encodeOnnxModel(model: Record<string, unknown>): Uint8Array {
  const type = onnxModelType();
  const problem = type.verify(model);
  if (problem) throw new Error(`ONNX export built an invalid ModelProto: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}
