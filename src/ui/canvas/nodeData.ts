import type { Node } from '@xyflow/react';
import type { ComponentKind } from '../../core/catalog/catalog';

export interface ComponentNodeData extends Record<string, unknown> {
  kind: ComponentKind;
  name: string;
}

export interface ServerNodeData extends Record<string, unknown> {
  kind: 'server';
  name: string;
  cores: number;
  memoryMb: number;
}

export type ComponentFlowNode = Node<ComponentNodeData, 'component'>;
export type ServerFlowNode = Node<ServerNodeData, 'server'>;
export type FlowNode = ComponentFlowNode | ServerFlowNode;
