import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { encodeCursor, CursorPosition } from './cursor';
import { PageInfo } from './page-info.model';

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function ConnectionType<T>(node: Type<T>): Type<Connection<T>> {
  @ObjectType(`${node.name}Edge`)
  class EdgeType {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${node.name}Connection`, { isAbstract: true })
  abstract class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionClass as unknown as Type<Connection<T>>;
}

/**
 * Builds a connection from one more row than the page size (the extra row only
 * tells whether there is a next page).
 */
export function toConnection<Row, Node>(
  rows: Row[],
  first: number,
  totalCount: number,
  position: (row: Row) => CursorPosition,
  toNode: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ node: toNode(row), cursor: encodeCursor(position(row)) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
